using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests.Emulator;

/// <summary>OAuth flows and session handling against the emulator over loopback HTTP.</summary>
public sealed class EmulatorAuthTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task PasswordFlow_ConnectsAndReportsUserLimitsAndUsage()
    {
        var calls = new ApiCallCounter();
        using var client = _host.PasswordClient(calls);

        var identity = await client.GetIdentityAsync(TestContext.Current.CancellationToken);
        var limits = await client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(EmulatorHost.Username, identity.Username);
        Assert.NotNull(identity.OrganizationId);
        Assert.True(limits["DailyApiRequests"].Max > 0);
        Assert.NotNull(client.ApiUsage);
        Assert.True(client.ApiUsage.Value.Max > 0);
        var snapshot = calls.Snapshot();
        Assert.Equal(1, snapshot[SalesforceEndpointKind.OAuth]);
        Assert.Equal(1, snapshot[SalesforceEndpointKind.Limits]);
        Assert.Equal(1, snapshot[SalesforceEndpointKind.Identity]);
    }

    [Fact]
    public async Task PasswordFlow_WrongSecurityToken_IsAnAuthenticationFailure()
    {
        using var client = _host.Factory.Create(_host.PasswordOptions with { SecurityToken = "WRONG" }, new InMemorySalesforceTokenStore());
        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() => client.GetLimitsAsync(TestContext.Current.CancellationToken));
        Assert.True(exception.IsAuthenticationFailure);
    }

    [Fact]
    public async Task WebServerFlow_WithPkce_YieldsTokensThatWork()
    {
        var tokens = await _host.WebServerLoginAsync();

        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(_host.BaseUrl, tokens.InstanceUrl);
        using var client = _host.Factory.Create(_host.WebOptions, new InMemorySalesforceTokenStore(tokens));
        var identity = await client.GetIdentityAsync(TestContext.Current.CancellationToken);
        Assert.Equal(EmulatorHost.Username, identity.Username);
    }

    [Fact]
    public async Task ExpiredSessions_AreRefreshedAndTheCallReplayed_WithTheRotatedTokenSaved()
    {
        var tokens = await _host.WebServerLoginAsync();
        var store = new InMemorySalesforceTokenStore(tokens);
        using var client = _host.Factory.Create(_host.WebOptions, store);
        await client.GetLimitsAsync(TestContext.Current.CancellationToken);

        await _host.ControlAsync("/__emulator/sessions/expire");
        var limits = await client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.True(limits.ContainsKey("DailyApiRequests"));
        Assert.Equal(1, store.SaveCount);
        Assert.NotEqual(tokens.AccessToken, store.Current!.AccessToken);
        // The app rotates refresh tokens, so the old one is gone and the saved one is new.
        Assert.NotEqual(tokens.RefreshToken, store.Current.RefreshToken);
        // Before expiry, the rejected call, and its replay: each one costs an API request.
        Assert.Equal(3, client.Calls.Snapshot()[SalesforceEndpointKind.Limits]);
        Assert.Equal(1, client.Calls.Snapshot()[SalesforceEndpointKind.OAuth]);
    }

    [Fact]
    public async Task RevokedRefreshToken_AfterSessionExpiry_SurfacesAsExpiredRefreshToken()
    {
        var tokens = await _host.WebServerLoginAsync();
        using var client = _host.Factory.Create(_host.WebOptions, new InMemorySalesforceTokenStore(tokens));
        await _host.ControlAsync("/__emulator/refresh-tokens/revoke");
        await _host.ControlAsync("/__emulator/sessions/expire");

        var exception = await Assert.ThrowsAsync<SalesforceAuthException>(() => client.GetLimitsAsync(TestContext.Current.CancellationToken));

        Assert.True(exception.IsRefreshTokenExpired, exception.Message);
    }

    [Fact]
    public async Task Revoke_EndsTheSession()
    {
        var tokens = await _host.WebServerLoginAsync();
        await _host.Factory.CreateOAuthClient().RevokeAsync(_host.WebOptions, tokens.RefreshToken!, TestContext.Current.CancellationToken);
        using var client = _host.Factory.Create(_host.WebOptions, new InMemorySalesforceTokenStore(tokens));
        var exception = await Record.ExceptionAsync(() => client.GetLimitsAsync(TestContext.Current.CancellationToken));
        Assert.True(exception is SalesforceAuthException or SalesforceApiException { IsSessionExpired: true }, exception?.ToString());
    }
}
