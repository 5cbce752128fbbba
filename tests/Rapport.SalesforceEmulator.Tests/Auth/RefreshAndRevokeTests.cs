using System.Net;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class RefreshAndRevokeTests
{
    /// <summary>The plain (non-rotating) app's tokens after a browser login.</summary>
    private static async Task<TokenResult> WebServerLoginAsync(AuthTestHost host, string clientId = TestOrg.ClientId, string secret = TestOrg.ClientSecret)
    {
        var code = clientId == TestOrg.AutoClientId
            ? await host.AutoApprovedCodeAsync()
            : AuthTestHost.Callback(await host.PostLoginAsync(new Dictionary<string, string>
            {
                ["response_type"] = "code",
                ["client_id"] = clientId,
                ["redirect_uri"] = TestOrg.CallbackUrl,
                ["username"] = TestOrg.Username,
                ["password"] = TestOrg.Password,
            }))["code"];
        var result = await host.TokenAsync(("grant_type", "authorization_code"), ("code", code), ("client_id", clientId),
            ("client_secret", secret), ("redirect_uri", TestOrg.CallbackUrl));
        Assert.Equal(HttpStatusCode.OK, result.Status);
        return result;
    }

    private static Task<TokenResult> RefreshAsync(AuthTestHost host, string refreshToken, string clientId = TestOrg.ClientId, string secret = TestOrg.ClientSecret) =>
        host.TokenAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId), ("client_secret", secret));

    [Fact]
    public async Task RefreshGrant_WithoutRotation_ReturnsNewAccessTokenAndKeepsRefreshTokenValid()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);

        var first = await RefreshAsync(host, login.RefreshToken!);
        host.Time.Advance(TimeSpan.FromDays(30));
        var second = await RefreshAsync(host, login.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Null(first.RefreshToken);
        Assert.NotEqual(login.AccessToken, first.AccessToken);
        using var ping = await host.PingAsync(second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public async Task RefreshGrant_WithRotation_ReturnsNewRefreshTokenAndRetiresTheOldOne()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host, TestOrg.AutoClientId, TestOrg.AutoClientSecret);

        var rotated = await RefreshAsync(host, login.RefreshToken!, TestOrg.AutoClientId, TestOrg.AutoClientSecret);
        var reused = await RefreshAsync(host, login.RefreshToken!, TestOrg.AutoClientId, TestOrg.AutoClientSecret);
        var next = await RefreshAsync(host, rotated.RefreshToken!, TestOrg.AutoClientId, TestOrg.AutoClientSecret);

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(login.RefreshToken, rotated.RefreshToken);
        Assert.Equal("expired access/refresh token", reused.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task RefreshGrant_UnknownToken_FailsWithExpiredAccessRefreshToken()
    {
        await using var host = await AuthTestHost.StartAsync();

        var result = await RefreshAsync(host, "5Aep861notatoken");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("expired access/refresh token", result.ErrorDescription);
    }

    [Fact]
    public async Task RefreshGrant_TokenOfAnotherClient_FailsWithExpiredAccessRefreshToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);

        var result = await RefreshAsync(host, login.RefreshToken!, TestOrg.AutoClientId, TestOrg.AutoClientSecret);

        Assert.Equal("expired access/refresh token", result.ErrorDescription);
    }

    [Fact]
    public async Task RefreshGrant_UserDeactivated_FailsWithInactiveUser()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);
        using var deactivate = await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.Username}/deactivate");

        var result = await RefreshAsync(host, login.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("inactive user", result.ErrorDescription);
    }

    [Fact]
    public async Task RefreshGrant_UserReactivated_WorksAgain()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);
        (await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.Username}/deactivate")).Dispose();
        (await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.Username}/activate")).Dispose();

        var result = await RefreshAsync(host, login.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, result.Status);
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesItAndItsAccessTokens()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);
        using var content = new FormUrlEncodedContent([new("token", login.RefreshToken!)]);

        using var revoke = await host.Client.PostAsync("/services/oauth2/revoke", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("expired access/refresh token", (await RefreshAsync(host, login.RefreshToken!)).ErrorDescription);
        using var ping = await host.PingAsync(login.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
    }

    [Fact]
    public async Task Revoke_AccessTokenByGet_EndsOnlyThatSession()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);

        using var revoke = await host.Client.GetAsync($"/services/oauth2/revoke?token={Uri.EscapeDataString(login.AccessToken)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var ping = await host.PingAsync(login.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(host, login.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Revoke_UnknownToken_Returns400InvalidToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var content = new FormUrlEncodedContent([new("token", "nope")]);

        using var revoke = await host.Client.PostAsync("/services/oauth2/revoke", content, TestContext.Current.CancellationToken);

        var result = await AuthTestHost.ReadTokenResultAsync(revoke);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("invalid_token", result.Error);
    }

    [Fact]
    public async Task RevokeRefreshTokensControl_AllTokens_MakesRefreshFail()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);

        using var control = await host.ControlAsync(HttpMethod.Post, "/__emulator/refresh-tokens/revoke");

        Assert.Equal(1, (await AuthTestHost.JsonAsync(control)).GetProperty("count").GetInt32());
        Assert.Equal("expired access/refresh token", (await RefreshAsync(host, login.RefreshToken!)).ErrorDescription);
    }

    [Fact]
    public async Task RevokeRefreshTokensControl_OneUser_LeavesOtherUsersTokens()
    {
        await using var host = await AuthTestHost.StartAsync();
        var login = await WebServerLoginAsync(host);

        using var other = await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.ReadOnlyUsername}/refresh-tokens/revoke");
        var stillValid = await RefreshAsync(host, login.RefreshToken!);
        using var mine = await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.Username}/refresh-tokens/revoke");
        var revoked = await RefreshAsync(host, login.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
        Assert.Equal("expired access/refresh token", revoked.ErrorDescription);
    }

    [Fact]
    public async Task UserControls_UnknownUser_Return404ProblemDetails()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.ControlAsync(HttpMethod.Post, "/__emulator/users/ghost@example.com/deactivate");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
