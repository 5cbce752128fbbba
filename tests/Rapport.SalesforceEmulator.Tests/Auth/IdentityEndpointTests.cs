using System.Net;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class IdentityEndpointTests
{
    [Fact]
    public async Task Get_OwnIdentityUrlFromTokenResponse_ReturnsDocumentedFields()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await host.PasswordLoginAsync();
        var idUrl = login.Body.GetProperty("id").GetString()!;
        var user = host.Service<IEmulatorDirectory>().FindByUsername(TestOrg.Username)!;

        using var response = await host.GetAsync(new Uri(idUrl).PathAndQuery, login.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal(idUrl, body.GetProperty("id").GetString());
        Assert.Equal(user.Id, body.GetProperty("user_id").GetString());
        Assert.Equal(host.Service<IEmulatorDirectory>().OrganizationId, body.GetProperty("organization_id").GetString());
        Assert.Equal(TestOrg.Username, body.GetProperty("username").GetString());
        Assert.Equal("Ida Integration", body.GetProperty("display_name").GetString());
        Assert.Equal("ida@example.com", body.GetProperty("email").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        var urls = body.GetProperty("urls");
        Assert.Equal("http://localhost/services/data/v{version}/", urls.GetProperty("rest").GetString());
        Assert.Equal("http://localhost/services/data/v{version}/query/", urls.GetProperty("query").GetString());
        Assert.Equal("http://localhost/services/data/v{version}/tooling/", urls.GetProperty("tooling_rest").GetString());
    }

    [Fact]
    public async Task Get_WithVersionParameter_FillsVersionIntoUrls()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await host.PasswordLoginAsync();

        using var response = await host.GetAsync(new Uri(login.Body.GetProperty("id").GetString()!).AbsolutePath + "?version=60.0", login.AccessToken);

        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal("http://localhost/services/data/v60.0/sobjects/", body.GetProperty("urls").GetProperty("sobjects").GetString());
    }

    [Fact]
    public async Task Get_TokenAsOAuthTokenParameter_IsAccepted()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await host.PasswordLoginAsync();
        var path = new Uri(login.Body.GetProperty("id").GetString()!).AbsolutePath;

        using var response = await host.GetAsync($"{path}?oauth_token={Uri.EscapeDataString(login.AccessToken)}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ExpiredToken_Returns403BadOAuthToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await host.PasswordLoginAsync();
        (await host.ControlAsync(HttpMethod.Post, "/__emulator/sessions/expire")).Dispose();

        using var response = await host.GetAsync(new Uri(login.Body.GetProperty("id").GetString()!).AbsolutePath, login.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Bad_OAuth_Token", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_NoToken_Returns403MissingOAuthToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();

        using var response = await host.GetAsync($"/id/{directory.OrganizationId}/{directory.Users[0].Id}", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Missing_OAuth_Token", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_OtherOrg_Returns403WrongOrg()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        var otherOrg = SalesforceId.Create("00D", 99);

        using var response = await host.GetAsync($"/id/{otherOrg}/{host.Service<IEmulatorDirectory>().Users[0].Id}", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Wrong_Org", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_UnknownUser_Returns404BadId()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();

        using var response = await host.GetAsync($"/id/{host.Service<IEmulatorDirectory>().OrganizationId}/{SalesforceId.Create("005", 999)}", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Bad_Id", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_IdentityUrl_DoesNotCountAsApiCall()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await host.PasswordLoginAsync();

        using var response = await host.GetAsync(new Uri(login.Body.GetProperty("id").GetString()!).AbsolutePath, login.AccessToken);

        Assert.False(response.Headers.Contains("Sforce-Limit-Info"));
        Assert.Equal(0, host.Service<Rapport.SalesforceEmulator.Limits.IDailyApiRequestLimit>().Used);
    }
}
