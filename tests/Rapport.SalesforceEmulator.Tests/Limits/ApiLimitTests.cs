using System.Net;
using Rapport.SalesforceEmulator.Limits;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Limits;

public sealed class ApiLimitTests
{
    [Fact]
    public async Task Rest_EveryCall_CarriesIncreasingLimitInfoHeader()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(dailyApiRequests: 500));
        var token = await host.AccessTokenAsync();

        using var first = await host.PingAsync(token);
        using var second = await host.PingAsync(token);

        Assert.Equal("api-usage=1/500", first.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal("api-usage=2/500", second.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task Rest_PastDailyLimit_Returns403RequestLimitExceeded()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(dailyApiRequests: 2));
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();
        (await host.PingAsync(token)).Dispose();

        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await AuthTestHost.JsonAsync(response);
        Assert.Equal("TotalRequests Limit exceeded.", body[0].GetProperty("message").GetString());
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", body[0].GetProperty("errorCode").GetString());
        Assert.Equal("api-usage=2/2", response.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task Rest_AfterUtcMidnight_CounterStartsAgain()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(dailyApiRequests: 1));
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();
        using var refused = await host.PingAsync(token);

        host.Time.Advance(TimeSpan.FromHours(14)); // 10:00 + 14h = 00:00 the next day (UTC)
        token = await host.AccessTokenAsync();
        using var nextDay = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.Equal("api-usage=1/1", nextDay.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task Rest_UnauthenticatedAndOAuthCalls_AreNotCounted()
    {
        await using var host = await AuthTestHost.StartAsync();
        var counter = host.Service<IDailyApiRequestLimit>();

        await host.AccessTokenAsync();
        (await host.PingAsync(null)).Dispose();
        (await host.GetAsync("/services/data", null)).Dispose();

        Assert.Equal(0, counter.Used);
        Assert.Equal(counter.Max, counter.Remaining);
    }

    [Fact]
    public async Task DailyApiRequestLimit_ReportsMaxAndRemainingForLimitsResource()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(dailyApiRequests: 10));
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();
        (await host.PingAsync(token)).Dispose();
        (await host.PingAsync(token)).Dispose();

        var limit = host.Service<IDailyApiRequestLimit>();

        Assert.Equal(10, limit.Max);
        Assert.Equal(7, limit.Remaining);
    }

    [Fact]
    public async Task LimitsControl_LowerLimit_RefusesNextCall()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();

        using var control = await host.ControlAsync(HttpMethod.Put, "/__emulator/limits", new { dailyApiRequests = 1 });
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        var view = await AuthTestHost.JsonAsync(control);
        Assert.Equal(1, view.GetProperty("dailyApiRequests").GetInt32());
        Assert.Equal(0, view.GetProperty("remaining").GetInt32());
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", await AuthTestHost.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task LimitsControl_RaiseLimitAndResetCount_AllowsCallsAgain()
    {
        await using var host = await AuthTestHost.StartAsync(TestOrg.Create(dailyApiRequests: 1));
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();

        using var control = await host.ControlAsync(HttpMethod.Put, "/__emulator/limits", new { dailyApiRequests = 5, used = 0 });
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("api-usage=1/5", response.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task LimitsControl_NegativeLimit_Returns400Problem()
    {
        await using var host = await AuthTestHost.StartAsync();

        using var control = await host.ControlAsync(HttpMethod.Put, "/__emulator/limits", new { dailyApiRequests = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Equal("application/problem+json", control.Content.Headers.ContentType!.MediaType);
    }
}
