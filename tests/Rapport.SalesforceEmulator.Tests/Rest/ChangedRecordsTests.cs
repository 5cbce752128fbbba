using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>Get Updated and Get Deleted (<c>/sobjects/{T}/updated/</c> and <c>/deleted/</c>).</summary>
public sealed class ChangedRecordsTests : EmulatorTestBase
{
    [Fact]
    public async Task Updated_ReturnsIdsChangedInWindow_WithMinuteAlignedLatestDateCovered()
    {
        await Client.CreateAsync("Contact", new { LastName = "Before" });
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        var changed = await Client.CreateAsync("Contact", new { LastName = "During" });
        Server.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(17)));

        var (status, body) = await Client.GetJsonAsync("sobjects/Contact/updated/?start=2026-03-02T09%3A35%3A00%2B00%3A00&end=2026-03-02T12%3A00%3A00%2B00%3A00");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([changed], body.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray());
        Assert.Equal("2026-03-02T09:50:00.000+0000", body.GetProperty("latestDateCovered").GetString());
    }

    [Fact]
    public async Task Deleted_ReturnsIdAndDeletedDate()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Deleted" });
        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{id}");
        Server.Clock.Advance(TimeSpan.FromMinutes(2));

        var (_, body) = await Client.GetJsonAsync("sobjects/Contact/deleted/?start=2026-03-02T09:00:00Z&end=2026-03-02T10:00:00Z");

        var record = body.GetProperty("deletedRecords")[0];
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal("2026-03-02T09:32:00.000+0000", record.GetProperty("deletedDate").GetString());
        Assert.True(body.TryGetProperty("earliestDateAvailable", out _));
    }

    [Fact]
    public async Task Updated_StartAfterEnd_IsInvalidReplicationDate()
    {
        var (status, body) = await Client.GetJsonAsync("sobjects/Contact/updated/?start=2026-03-02T09:20:00Z&end=2026-03-02T09:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", body.ErrorCode());
    }
}
