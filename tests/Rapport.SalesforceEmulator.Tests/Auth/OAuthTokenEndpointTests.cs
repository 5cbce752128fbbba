using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class OAuthTokenEndpointTests
{
    [Fact]
    public async Task PasswordGrant_PasswordWithSecurityToken_ReturnsDocumentedTokenResponse()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();
        var user = directory.FindByUsername(TestOrg.Username)!;

        var result = await host.PasswordLoginAsync();

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var body = result.Body;
        Assert.StartsWith(directory.OrganizationId[..15] + "!", result.AccessToken, StringComparison.Ordinal);
        Assert.Equal("http://localhost", body.GetProperty("instance_url").GetString());
        Assert.Equal($"http://localhost/id/{directory.OrganizationId}/{user.Id}", body.GetProperty("id").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(AuthTestHost.Start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), body.GetProperty("issued_at").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("scope").GetString()));
        // "The username-password flow doesn't return a refresh token."
        Assert.Null(result.RefreshToken);
    }

    [Fact]
    public async Task PasswordGrant_Signature_IsHmacSha256OfIdAndIssuedAtKeyedByConsumerSecret()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.PasswordLoginAsync();

        var id = result.Body.GetProperty("id").GetString()!;
        var issuedAt = result.Body.GetProperty("issued_at").GetString()!;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestOrg.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));
        Assert.Equal(expected, result.Body.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task PasswordGrant_TokenWorksOnRestApi_AsTheLoggedInUser()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = (await host.PasswordLoginAsync()).AccessToken;

        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal(TestOrg.Username, body.GetProperty("username").GetString());
        Assert.True(body.GetProperty("modifyAllData").GetBoolean());
    }

    [Fact]
    public async Task PasswordGrant_PasswordWithoutSecurityToken_FailsWithAuthenticationFailure()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.PasswordLoginAsync(password: TestOrg.Password);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("authentication failure", result.ErrorDescription);
    }

    [Fact]
    public async Task PasswordGrant_UnknownUser_FailsWithAuthenticationFailure()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.PasswordLoginAsync(username: "nobody@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("authentication failure", result.ErrorDescription);
    }

    [Fact]
    public async Task PasswordGrant_InactiveUser_FailsWithInactiveUser()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.PasswordLoginAsync(TestOrg.InactiveUsername, TestOrg.Password);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("inactive user", result.ErrorDescription);
    }

    [Fact]
    public async Task PasswordGrant_UsernameInOtherCase_LogsIn()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.PasswordLoginAsync(username: TestOrg.Username.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, result.Status);
    }

    [Fact]
    public async Task Token_UnknownClientId_FailsWithInvalidClientId()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", "password"), ("client_id", "nope"), ("client_secret", TestOrg.ClientSecret),
            ("username", TestOrg.Username), ("password", TestOrg.Password + TestOrg.SecurityToken));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_client_id", result.Error);
        Assert.Equal("client identifier invalid", result.ErrorDescription);
    }

    [Fact]
    public async Task Token_WrongClientSecret_FailsWithInvalidClientCredentials()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", "password"), ("client_id", TestOrg.ClientId), ("client_secret", "wrong"),
            ("username", TestOrg.Username), ("password", TestOrg.Password + TestOrg.SecurityToken));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_client", result.Error);
        Assert.Equal("invalid client credentials", result.ErrorDescription);
    }

    [Theory]
    [InlineData("implicit")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("")]
    public async Task Token_UnsupportedGrantType_FailsWithUnsupportedGrantType(string grantType)
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", grantType), ("client_id", TestOrg.ClientId), ("client_secret", TestOrg.ClientSecret));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("unsupported_grant_type", result.Error);
        Assert.Equal("grant type not supported", result.ErrorDescription);
    }

    [Fact]
    public async Task Token_JsonBodyInsteadOfForm_FailsWithUnsupportedGrantTypeNot500()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var content = new StringContent("{\"grant_type\":\"password\"}", Encoding.UTF8, "application/json");

        using var response = await host.Client.PostAsync("/services/oauth2/token", content, TestContext.Current.CancellationToken);

        var result = await AuthTestHost.ReadTokenResultAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("unsupported_grant_type", result.Error);
    }

    [Fact]
    public async Task ClientCredentialsGrant_RunsAsConfiguredUser_WithoutRefreshToken()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", "client_credentials"), ("client_id", TestOrg.ClientId), ("client_secret", TestOrg.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Null(result.RefreshToken);
        using var ping = await host.PingAsync(result.AccessToken);
        Assert.Equal(TestOrg.Username, (await AuthTestHost.JsonAsync(ping)).GetProperty("username").GetString());
    }

    [Fact]
    public async Task ClientCredentialsGrant_CredentialsInBasicHeader_Succeeds()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestOrg.ClientId}:{TestOrg.ClientSecret}")));

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentialsGrant_AppWithoutRunAsUser_FailsWithInvalidGrant()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", "client_credentials"), ("client_id", TestOrg.AutoClientId), ("client_secret", TestOrg.AutoClientSecret));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("no client credentials user enabled", result.ErrorDescription);
    }

    [Fact]
    public async Task ClientCredentialsGrant_WithoutSecret_FailsWithInvalidClient()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await host.TokenAsync(("grant_type", "client_credentials"), ("client_id", TestOrg.ClientId));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_client", result.Error);
    }

    [Fact]
    public async Task Token_SuccessResponse_IsNotCacheable()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var content = new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("client_id", TestOrg.ClientId), new("client_secret", TestOrg.ClientSecret)]);

        using var response = await host.Client.PostAsync("/services/oauth2/token", content, TestContext.Current.CancellationToken);

        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
