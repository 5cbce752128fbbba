using System.Net;
using System.Text.Json;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Faults;

public sealed class RequestJournalTests
{
    private static async Task<JsonElement> JournalAsync(AuthTestHost host)
    {
        using var response = await host.ControlAsync(HttpMethod.Get, "/__emulator/requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthTestHost.JsonAsync(response);
    }

    [Fact]
    public async Task Journal_RecordsEachRequestWithStatusAndApiCallFlag()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        (await host.GetAsync("/services/data/v60.0/ping?x=1", token)).Dispose();
        (await host.PingAsync("bogus")).Dispose();

        var journal = await JournalAsync(host);

        Assert.Equal(3, journal.GetProperty("totalRequests").GetInt64());
        Assert.Equal(1, journal.GetProperty("apiCallCount").GetInt64());
        var requests = journal.GetProperty("requests").EnumerateArray().ToArray();
        Assert.Equal(["POST", "GET", "GET"], requests.Select(r => r.GetProperty("method").GetString()));
        Assert.Equal("/services/oauth2/token", requests[0].GetProperty("path").GetString());
        Assert.False(requests[0].GetProperty("apiCall").GetBoolean());
        Assert.Equal("?x=1", requests[1].GetProperty("query").GetString());
        Assert.Equal(200, requests[1].GetProperty("status").GetInt32());
        Assert.True(requests[1].GetProperty("apiCall").GetBoolean());
        Assert.Equal(401, requests[2].GetProperty("status").GetInt32());
        Assert.False(requests[2].GetProperty("apiCall").GetBoolean());
    }

    [Fact]
    public async Task Journal_Clear_StartsFromZero()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        (await host.PingAsync(token)).Dispose();

        using var clear = await host.ControlAsync(HttpMethod.Delete, "/__emulator/requests");
        (await host.PingAsync(token)).Dispose();
        var journal = await JournalAsync(host);

        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(1, journal.GetProperty("totalRequests").GetInt64());
        Assert.Equal(1, journal.GetProperty("apiCallCount").GetInt64());
        Assert.Single(journal.GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public async Task Journal_DroppedConnection_IsRecordedWithoutStatus()
    {
        await using var host = await AuthTestHost.StartAsync();
        var token = await host.AccessTokenAsync();
        (await host.ControlAsync(HttpMethod.Delete, "/__emulator/requests")).Dispose();
        (await host.ControlAsync(HttpMethod.Put, "/__emulator/faults", new { dropRate = 1.0, pathPrefix = "/services/data/" })).Dispose();
        try
        {
            (await host.PingAsync(token)).Dispose();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Expected: the emulator dropped the connection.
        }

        var journal = await JournalAsync(host);

        var entry = Assert.Single(journal.GetProperty("requests").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task Journal_ControlRequests_AreNotRecorded()
    {
        await using var host = await AuthTestHost.StartAsync();

        (await host.ControlAsync(HttpMethod.Get, "/__emulator/limits")).Dispose();
        var journal = await JournalAsync(host);

        Assert.Equal(0, journal.GetProperty("totalRequests").GetInt64());
    }

    [Fact]
    public async Task Journal_OverCapacity_KeepsNewestButCountsAll()
    {
        await using var host = await AuthTestHost.StartAsync(journalCapacity: 2);
        var token = await host.AccessTokenAsync();
        (await host.GetAsync("/services/data/v60.0/ping?n=1", token)).Dispose();
        (await host.GetAsync("/services/data/v60.0/ping?n=2", token)).Dispose();

        var journal = await JournalAsync(host);

        Assert.Equal(3, journal.GetProperty("totalRequests").GetInt64());
        Assert.Equal(2, journal.GetProperty("apiCallCount").GetInt64());
        Assert.Equal(["?n=1", "?n=2"], journal.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("query").GetString()));
    }
}
