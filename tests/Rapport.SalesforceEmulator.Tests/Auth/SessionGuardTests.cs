using System.Net;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class SessionGuardTests
{
    private static async Task AssertInvalidSessionAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Token", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal("Session expired or invalid", body[0].GetProperty("message").GetString());
        Assert.Equal("INVALID_SESSION_ID", body[0].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Rest_NoAuthorizationHeader_Returns401InvalidSessionId()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PingAsync(null);

        await AssertInvalidSessionAsync(response);
    }

    [Fact]
    public async Task Rest_UnknownToken_Returns401InvalidSessionId()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.PingAsync("00D000000000001!bogus");

        await AssertInvalidSessionAsync(response);
    }

    [Fact]
    public async Task Rest_TokenIdleLongerThanTimeout_Returns401InvalidSessionId()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(sessionTimeoutSeconds: 600));
        var token = await host.AccessTokenAsync();

        host.Time.Advance(TimeSpan.FromSeconds(601));
        using var response = await host.PingAsync(token);

        await AssertInvalidSessionAsync(response);
    }

    [Fact]
    public async Task Rest_TokenJustInsideTimeout_StillWorks()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(sessionTimeoutSeconds: 600));
        var token = await host.AccessTokenAsync();

        host.Time.Advance(TimeSpan.FromSeconds(599));
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rest_TokenUsedInSecondHalfOfWindow_IsExtended()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(sessionTimeoutSeconds: 600));
        var token = await host.AccessTokenAsync();

        host.Time.Advance(TimeSpan.FromSeconds(400));
        (await host.PingAsync(token)).Dispose();
        host.Time.Advance(TimeSpan.FromSeconds(400));
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rest_EmulatorClockMovedPastTimeout_ExpiresSession()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(sessionTimeoutSeconds: 600));
        var token = await host.AccessTokenAsync();

        using var move = await host.ControlAsync(HttpMethod.Post, "/__emulator/clock/advance", new { seconds = 3600 });
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        await AssertInvalidSessionAsync(response);
    }

    [Fact]
    public async Task Rest_OAuthAuthorizationScheme_IsAccepted()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();

        using var response = await host.GetAsync("/services/data/v60.0/ping", token, scheme: "OAuth");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rest_VersionList_NeedsNoSession()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.GetAsync("/services/data", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rest_UserWithoutApiEnabled_Returns403ApiDisabledForOrg()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync(TestOrg.NoApiUsername);

        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("API_DISABLED_FOR_ORG", await AuthTestHost.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Rest_ValidToken_PutsSessionOnRequest()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();
        var token = await host.AccessTokenAsync(TestOrg.ReadOnlyUsername);

        using var response = await host.PingAsync(token);

        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal(directory.OrganizationId, body.GetProperty("organizationId").GetString());
        Assert.Equal(directory.FindByUsername(TestOrg.ReadOnlyUsername)!.Id, body.GetProperty("userId").GetString());
        Assert.False(body.GetProperty("modifyAllData").GetBoolean());
    }

    [Fact]
    public async Task ExpireSessionsControl_EndsEveryAccessToken()
    {
        await using var host = await AuthTestHost.StartAsync();
        var first = await host.AccessTokenAsync();
        var second = await host.AccessTokenAsync(TestOrg.ReadOnlyUsername);

        using var control = await host.ControlAsync(HttpMethod.Post, "/__emulator/sessions/expire");

        Assert.Equal(2, (await AuthTestHost.JsonAsync(control)).GetProperty("count").GetInt32());
        await AssertInvalidSessionAsync(await host.PingAsync(first));
        await AssertInvalidSessionAsync(await host.PingAsync(second));
    }

    [Fact]
    public async Task DeactivateControl_EndsTheUsersSessions()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();

        (await host.ControlAsync(HttpMethod.Post, $"/__emulator/users/{TestOrg.Username}/deactivate")).Dispose();
        using var response = await host.PingAsync(token);

        await AssertInvalidSessionAsync(response);
        Assert.False(host.Service<IEmulatorDirectory>().FindByUsername(TestOrg.Username)!.IsActive);
    }

    [Fact]
    public async Task RemovePermissionControl_ApiEnabled_BlocksExistingSession()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();

        using var control = await host.ControlAsync(HttpMethod.Delete, $"/__emulator/users/{TestOrg.Username}/permissions/ApiEnabled");
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AddPermissionControl_ModifyAllData_VisibleToExistingSession()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync(TestOrg.ReadOnlyUsername);

        using var control = await host.ControlAsync(HttpMethod.Put, $"/__emulator/users/{TestOrg.ReadOnlyUsername}/permissions/modifyalldata");
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.True((await AuthTestHost.JsonAsync(response)).GetProperty("modifyAllData").GetBoolean());
    }

    [Fact]
    public async Task PermissionControl_UnknownPermission_Returns400Problem()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.ControlAsync(HttpMethod.Put, $"/__emulator/users/{TestOrg.Username}/permissions/ViewAllData");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ApiEnabled", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClockControls_SetAndReset_MoveTheEmulatorClock()
    {
        await using var host = await AuthTestHost.StartAsync();
        var target = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var set = await host.ControlAsync(HttpMethod.Put, "/__emulator/clock", new { utcNow = target });
        var afterSet = host.Service<TimeProvider>().GetUtcNow();
        using var reset = await host.ControlAsync(HttpMethod.Delete, "/__emulator/clock");
        var afterReset = host.Service<TimeProvider>().GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(target, afterSet);
        Assert.Equal(AuthTestHost.Start, afterReset);
    }

    [Fact]
    public async Task ClockControl_AdvanceWithoutSeconds_Returns400Problem()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.ControlAsync(HttpMethod.Post, "/__emulator/clock/advance", new { minutes = 5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
