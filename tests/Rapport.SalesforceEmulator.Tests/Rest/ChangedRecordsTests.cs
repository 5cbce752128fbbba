using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>Get Updated and Get Deleted (<c>/sobjects/{T}/updated/</c> and <c>/deleted/</c>).</summary>
public sealed class ChangedRecordsTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync();
        _client = await _server.ClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Updated_ReturnsIdsChangedInWindow_WithMinuteAlignedLatestDateCovered()
    {
        await _client.CreateAsync("Contact", new { LastName = "Before" });
        _server.Clock.Advance(TimeSpan.FromMinutes(10));
        var changed = await _client.CreateAsync("Contact", new { LastName = "During" });
        _server.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(17)));

        var (status, body) = await _client.GetJsonAsync("sobjects/Contact/updated/?start=2026-03-02T09%3A35%3A00%2B00%3A00&end=2026-03-02T12%3A00%3A00%2B00%3A00");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([changed], body.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray());
        Assert.Equal("2026-03-02T09:50:00.000+0000", body.GetProperty("latestDateCovered").GetString());
    }

    [Fact]
    public async Task Deleted_ReturnsIdAndDeletedDate()
    {
        var id = await _client.CreateAsync("Contact", new { LastName = "Deleted" });
        _server.Clock.Advance(TimeSpan.FromMinutes(2));
        await _client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{id}");
        _server.Clock.Advance(TimeSpan.FromMinutes(2));

        var (_, body) = await _client.GetJsonAsync("sobjects/Contact/deleted/?start=2026-03-02T09:00:00Z&end=2026-03-02T10:00:00Z");

        var record = body.GetProperty("deletedRecords")[0];
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal("2026-03-02T09:32:00.000+0000", record.GetProperty("deletedDate").GetString());
        Assert.True(body.TryGetProperty("earliestDateAvailable", out _));
    }

    [Fact]
    public async Task Updated_StartAfterEnd_IsInvalidReplicationDate()
    {
        var (status, body) = await _client.GetJsonAsync("sobjects/Contact/updated/?start=2026-03-02T09:20:00Z&end=2026-03-02T09:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", body.ErrorCode());
    }
}
