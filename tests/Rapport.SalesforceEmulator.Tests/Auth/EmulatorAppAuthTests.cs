using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.SalesforceEmulator.Rest;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

/// <summary>The auth layer inside the real emulator host, over loopback HTTP.</summary>
public sealed class EmulatorAppAuthTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;
    private string _baseUrl = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _app = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = TestOrg.Create(dailyApiRequests: 1000) });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _baseUrl = EmulatorApp.BaseUrl(_app);
        _client = new HttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<TokenResult> LoginAsync()
    {
        using var content = new FormUrlEncodedContent([
            new("grant_type", "password"), new("client_id", TestOrg.ClientId), new("client_secret", TestOrg.ClientSecret),
            new("username", TestOrg.Username), new("password", TestOrg.Password + TestOrg.SecurityToken)]);
        using var response = await _client!.PostAsync($"{_baseUrl}/services/oauth2/token", content, TestContext.Current.CancellationToken);
        return await AuthTestHost.ReadTokenResultAsync(response);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client!.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PasswordLogin_ThenLimitsResource_ReportsTheCallInHeaderAndBody()
    {
        var login = await LoginAsync();
        var instanceUrl = login.Body.GetProperty("instance_url").GetString()!;

        using var response = await GetAsync($"{instanceUrl}/services/data/v{ApiVersions.Current}/limits", login.AccessToken);

        Assert.Equal(_baseUrl, instanceUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("api-usage=1/1000", response.Headers.GetValues("Sforce-Limit-Info").Single());
        var daily = (await AuthTestHost.JsonAsync(response)).GetProperty("DailyApiRequests");
        Assert.Equal(1000, daily.GetProperty("Max").GetInt32());
        Assert.Equal(999, daily.GetProperty("Remaining").GetInt32());
    }

    [Fact]
    public async Task ExpiredSession_OnRealRestResource_Returns401InvalidSessionId()
    {
        var login = await LoginAsync();
        using var expire = await _client!.PostAsync($"{_baseUrl}/__emulator/sessions/expire", null, TestContext.Current.CancellationToken);

        using var response = await GetAsync($"{_baseUrl}/services/data/v{ApiVersions.Current}/sobjects", login.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", await AuthTestHost.ErrorCodeAsync(response));
    }
}
