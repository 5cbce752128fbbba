using System.Net;
using Rapport.SalesforceEmulator.Limits;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Faults;

public sealed class FaultInjectionTests
{
    private static async Task ConfigureAsync(AuthTestHost host, object settings)
    {
        using var response = await host.ControlAsync(HttpMethod.Put, "/__emulator/faults", settings);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpStatusCode[]> PingManyAsync(AuthTestHost host, string token, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await host.PingAsync(token);
            statuses[i] = response.StatusCode;
        }
        return statuses;
    }

    [Fact]
    public async Task Faults_UnavailableRateOne_Answers503ServerUnavailable()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        await ConfigureAsync(host, new { unavailableRate = 1.0 });

        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVER_UNAVAILABLE", await AuthTestHost.ErrorCodeAsync(response));
        Assert.Equal(0, host.Service<IDailyApiRequestLimit>().Used);
    }

    [Fact]
    public async Task Faults_LockRowRateOne_FailsWritesButNotReads()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        await ConfigureAsync(host, new { lockRowRate = 1.0 });
        using var insert = new HttpRequestMessage(HttpMethod.Post, "/services/data/v60.0/sobjects/Account")
        {
            Content = new StringContent("{\"Name\":\"Acme\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        insert.Headers.Authorization = new("Bearer", token);

        using var write = await host.Client.SendAsync(insert, TestContext.Current.CancellationToken);
        using var read = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Equal("UNABLE_TO_LOCK_ROW", await AuthTestHost.ErrorCodeAsync(write));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Faults_DropRateOne_AbortsTheConnection()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        await ConfigureAsync(host, new { dropRate = 1.0 });

        await Assert.ThrowsAnyAsync<Exception>(async () => (await host.PingAsync(token)).Dispose());
    }

    [Fact]
    public async Task Faults_SameSeed_FailTheSameRequests()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();

        await ConfigureAsync(host, new { unavailableRate = 0.5, seed = 42 });
        var first = await PingManyAsync(host, token, 20);
        await ConfigureAsync(host, new { unavailableRate = 0.5, seed = 42 });
        var second = await PingManyAsync(host, token, 20);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
    }

    [Fact]
    public async Task Faults_Cleared_RequestsSucceedAgain()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        await ConfigureAsync(host, new { unavailableRate = 1.0 });

        using var clear = await host.ControlAsync(HttpMethod.Delete, "/__emulator/faults");
        using var response = await host.PingAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Faults_PathPrefix_LeavesOtherSalesforcePathsAlone()
    {
        await using var host = await AuthTestHost.StartAsync();
        await ConfigureAsync(host, new { unavailableRate = 1.0, pathPrefix = "/services/data/" });

        var login = await host.PasswordLoginAsync();
        using var rest = await host.PingAsync(login.AccessToken);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rest.StatusCode);
    }

    [Fact]
    public async Task Faults_NeverAffectEmulatorControls()
    {
        await using var host = await AuthTestHost.StartAsync();
        await ConfigureAsync(host, new { unavailableRate = 1.0, pathPrefix = "/" });

        using var response = await host.ControlAsync(HttpMethod.Get, "/__emulator/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Faults_Latency_HoldsResponseUntilClockMoves()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        await ConfigureAsync(host, new { latencyMs = 500 });

        var pending = host.PingAsync(token);
        var advanced = TimeSpan.Zero;
        while (!pending.IsCompleted && advanced < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            host.Time.Advance(TimeSpan.FromMilliseconds(100));
            advanced += TimeSpan.FromMilliseconds(100);
        }
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(advanced >= TimeSpan.FromMilliseconds(500), $"answered after {advanced.TotalMilliseconds} ms of clock");
    }

    [Fact]
    public async Task Faults_MalformedJson_Returns400Not500()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/__emulator/faults")
        {
            Content = new StringContent("{\"unavailableRate\": ", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(1.5, 0.0, 0.0, 0, "unavailableRate")]
    [InlineData(0.6, 0.6, 0.0, 0, "must not exceed 1")]
    [InlineData(0.0, 0.0, 0.0, -5, "latencyMs")]
    public async Task Faults_InvalidSettings_Return400ProblemNamingTheField(double unavailable, double lockRow, double drop, int latency, string expected)
    {
        await using var host = await AuthTestHost.StartAsync();

        using var response = await host.ControlAsync(HttpMethod.Put, "/__emulator/faults",
            new { unavailableRate = unavailable, lockRowRate = lockRow, dropRate = drop, latencyMs = latency });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
