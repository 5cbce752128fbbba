using System.Globalization;
using System.Net;
using System.Text.Json;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>
/// Queries answered in an order storage keeps (arrival, Id, SystemModstamp) rather than by sorting:
/// the pages a client walks through must hold exactly the rows, counts and order SOQL promises.
/// </summary>
public sealed class QueryOrderTests : EmulatorTestBase
{
    private static readonly Dictionary<string, string> SmallPages = new() { ["Sforce-Query-Options"] = "batchSize=200" };

    private async Task<List<string>> CreateContactsAsync(int count, string lastName)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i += 200)
        {
            var records = Enumerable.Range(i, Math.Min(200, count - i))
                .Select(n => new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["LastName"] = lastName, ["FirstName"] = $"N{n:0000}" })
                .ToArray();
            var (status, body) = await Client.PostJsonAsync("composite/sobjects", new { allOrNone = true, records });
            Assert.Equal(HttpStatusCode.OK, status);
            ids.AddRange(body.EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        }
        return ids;
    }

    /// <summary>Every record of a query through its locator, with the totalSize each page reported.</summary>
    private async Task<(List<JsonElement> Records, List<int> TotalSizes)> AllPagesAsync(string soql, bool queryAll = false)
    {
        var (status, page) = await Client.GetJsonAsync($"{(queryAll ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}", SmallPages);
        Assert.Equal(HttpStatusCode.OK, status);
        var records = new List<JsonElement>();
        var totals = new List<int>();
        while (true)
        {
            records.AddRange(page.GetProperty("records").EnumerateArray());
            totals.Add(page.GetProperty("totalSize").GetInt32());
            if (!page.TryGetProperty("nextRecordsUrl", out var next))
            {
                Assert.True(page.GetProperty("done").GetBoolean());
                return (records, totals);
            }
            (status, page) = await Client.GetJsonAsync(Server.BaseUrl + next.GetString());
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    private async Task UpdateAsync(string id, object fields)
    {
        var (status, _) = await Client.SendAsync(HttpMethod.Patch, $"sobjects/Contact/{id}", JsonSerializer.Serialize(fields));
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Query_OrderBySystemModstampThenId_AfterUpdates_PagesChangedRecordsLastInChangeOrder()
    {
        var ids = await CreateContactsAsync(450, "Stamped");
        // Changed in reverse creation order, a minute apart: their stamps now sort them last, newest last.
        var changed = new[] { ids[400], ids[250], ids[3] };
        foreach (var id in changed)
        {
            Server.Clock.Advance(TimeSpan.FromMinutes(1));
            await UpdateAsync(id, new { Title = "Changed" });
        }

        var (records, totals) = await AllPagesAsync("SELECT Id, SystemModstamp FROM Contact WHERE LastName = 'Stamped' ORDER BY SystemModstamp ASC, Id ASC");

        var returned = records.Select(r => r.GetProperty("Id").GetString()!).ToList();
        Assert.All(totals, total => Assert.Equal(450, total));
        Assert.Equal(450, returned.Distinct().Count());
        Assert.Equal(changed, returned[^3..]);
        var unchanged = ids.Except(changed).ToList();
        unchanged.Sort(StringComparer.Ordinal);
        Assert.Equal(unchanged, returned[..^3]);
        var stamps = records.Select(r => r.GetProperty("SystemModstamp").GetString()!).ToList();
        Assert.Equal(stamps.Order(StringComparer.Ordinal), stamps);
    }

    [Fact]
    public async Task Query_SyncStyleOrOfModstampWindows_ReturnsRecordsFromEitherWindowInOrder()
    {
        var ids = await CreateContactsAsync(5, "Windowed");
        var start = Server.Clock.GetUtcNow();
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        await UpdateAsync(ids[1], new { LastName = "Windowed", Title = "Overlap" });
        var cursor = Server.Clock.GetUtcNow().AddSeconds(1);
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        await UpdateAsync(ids[4], new { Title = "After cursor" });
        await UpdateAsync(ids[2], new { Title = "After cursor too" });

        // Like a sync's pull: everything after the cursor, plus what changed in the overlap window and passes another test.
        var soql = "SELECT Id FROM Contact WHERE LastName = 'Windowed' AND "
            + $"(SystemModstamp > {Stamp(cursor)} OR (SystemModstamp >= {Stamp(start.AddMinutes(5))} AND Title = 'Overlap')) ORDER BY SystemModstamp, Id";
        var (records, totals) = await AllPagesAsync(soql);

        // ids[4] and ids[2] share a stamp, so Id decides between them.
        var late = new[] { ids[4], ids[2] }.Order(StringComparer.Ordinal);
        Assert.Equal([ids[1], .. late], records.Select(r => r.GetProperty("Id").GetString()!));
        Assert.Equal([3], totals);
    }

    [Fact]
    public async Task Query_WholeTableWithoutWhere_CountsLiveRowsAndQueryAllCountsDeleted()
    {
        var ids = await CreateContactsAsync(450, "Whole");
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{ids[10]}");
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{ids[300]}");

        var (records, totals) = await AllPagesAsync("SELECT Id FROM Contact");
        var (allRecords, allTotals) = await AllPagesAsync("SELECT Id, IsDeleted FROM Contact", queryAll: true);
        var (_, count) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT COUNT() FROM Contact"));

        Assert.All(totals, total => Assert.Equal(448, total));
        Assert.Equal(ids.Except([ids[10], ids[300]]), records.Select(r => r.GetProperty("Id").GetString()!));
        Assert.All(allTotals, total => Assert.Equal(450, total));
        Assert.Equal(ids, allRecords.Select(r => r.GetProperty("Id").GetString()!));
        Assert.Equal(2, allRecords.Count(r => r.GetProperty("IsDeleted").GetBoolean()));
        Assert.Equal(448, count.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Query_OrderByIdDescendingWithOffsetAndLimit_ReturnsThatSliceOfIdsDescending()
    {
        var ids = await CreateContactsAsync(450, "Sliced");
        var descending = ids.Order(StringComparer.Ordinal).Reverse().ToList();

        var (records, totals) = await AllPagesAsync("SELECT Id FROM Contact ORDER BY Id DESC LIMIT 300 OFFSET 20");

        Assert.Equal(descending.Skip(20).Take(300), records.Select(r => r.GetProperty("Id").GetString()!));
        Assert.All(totals, total => Assert.Equal(300, total));
    }

    [Fact]
    public async Task Query_UpdateWhilePaging_LaterPagesShowTheResultAsOfTheFirstPage()
    {
        var ids = await CreateContactsAsync(450, "Frozen");
        var (_, first) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id, Title FROM Contact WHERE LastName = 'Frozen' ORDER BY SystemModstamp, Id"), SmallPages);
        var firstIds = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToList();

        // Moves a record from the first page to the end of the order and deletes one on a later page.
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(firstIds[0], new { Title = "Moved" });
        var later = ids.Order(StringComparer.Ordinal).Last();
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{later}");
        var seen = new List<string>(firstIds);
        var next = first.GetProperty("nextRecordsUrl").GetString();
        while (next is not null)
        {
            var (_, page) = await Client.GetJsonAsync(Server.BaseUrl + next);
            seen.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!));
            Assert.DoesNotContain(page.GetProperty("records").EnumerateArray(), r => r.GetProperty("Title").ValueKind == JsonValueKind.String);
            next = page.TryGetProperty("nextRecordsUrl", out var url) ? url.GetString() : null;
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Query_OrderBySystemModstampRepeatedAfterWrites_ReflectsEveryWriteInOrder()
    {
        var ids = await CreateContactsAsync(300, "Repeat");
        const string Soql = "SELECT Id FROM Contact WHERE LastName = 'Repeat' ORDER BY SystemModstamp ASC, Id ASC";
        async Task<List<string>> OrderAsync()
        {
            var (records, _) = await AllPagesAsync(Soql);
            return [.. records.Select(r => r.GetProperty("Id").GetString()!)];
        }
        var expected = ids.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await OrderAsync());

        // Writes after a query: an update, two inserts in the same millisecond, a later update and a delete.
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(ids[5], new { Title = "First" });
        var added = await CreateContactsAsync(2, "Repeat");
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(ids[0], new { Title = "Second" });
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{ids[7]}");
        expected = [.. expected.Except([ids[5], ids[0], ids[7]]), .. new[] { ids[5], added[0], added[1] }.Order(StringComparer.Ordinal), ids[0]];
        Assert.Equal(expected, await OrderAsync());

        // A rolled-back insert leaves an empty slot behind; then another update and query.
        var (status, _) = await Client.PostJsonAsync("composite/sobjects", new
        {
            allOrNone = true,
            records = new object[] { new { attributes = new { type = "Contact" }, LastName = "Repeat" }, new { attributes = new { type = "Contact" }, FirstName = "No last name" } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(ids[1], new { Title = "Third" });
        expected = [.. expected.Except([ids[1]]), ids[1]];
        Assert.Equal(expected, await OrderAsync());
    }
}
