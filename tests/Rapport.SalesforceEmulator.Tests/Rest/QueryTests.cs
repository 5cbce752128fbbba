using System.Net;
using System.Text.Json;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>/query, /queryAll and query locators, pinned to the REST API Developer Guide's query responses.</summary>
public sealed class QueryTests : EmulatorTestBase
{

    private async Task CreateContactsAsync(int count, string lastName)
    {
        for (var i = 0; i < count; i += 200)
        {
            var records = Enumerable.Range(i, Math.Min(200, count - i))
                .Select(n => new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["LastName"] = lastName, ["FirstName"] = $"N{n:0000}" })
                .ToArray();
            var (status, _) = await Client.PostJsonAsync("composite/sobjects", new { allOrNone = true, records });
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    [Fact]
    public async Task Query_SmallResult_IsOnePageWithAttributes()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Solo", Email = "solo@example.com" });

        var (status, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id, Email FROM Contact WHERE LastName = 'Solo'"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("totalSize").GetInt32());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.False(body.TryGetProperty("nextRecordsUrl", out _));
        var record = body.GetProperty("records")[0];
        Assert.Equal("Contact", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v66.0/sobjects/Contact/{id}", record.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal(id, record.GetProperty("Id").GetString());
        Assert.Equal("solo@example.com", record.GetProperty("Email").GetString());
    }

    [Fact]
    public async Task Query_WithBatchSizeHeader_PagesThroughLocatorUntilDone()
    {
        await CreateContactsAsync(450, "Paged");
        var headers = new Dictionary<string, string> { ["Sforce-Query-Options"] = "batchSize=200" };

        var (_, first) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName = 'Paged'"), headers);
        var seen = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).ToList();
        var next = first.GetProperty("nextRecordsUrl").GetString()!;
        var pages = 1;
        while (next is not null)
        {
            Assert.Matches("^/services/data/v66.0/query/01g[0-9A-Za-z]{15}-\\d+$", next);
            var (status, page) = await Client.GetJsonAsync(Server.BaseUrl + next);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(450, page.GetProperty("totalSize").GetInt32());
            seen.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));
            next = page.TryGetProperty("nextRecordsUrl", out var url) ? url.GetString() : null;
            pages++;
        }

        Assert.Equal(450, first.GetProperty("totalSize").GetInt32());
        Assert.False(first.GetProperty("done").GetBoolean());
        Assert.Equal(200, first.GetProperty("records").GetArrayLength());
        Assert.Equal(3, pages);
        Assert.Equal(450, seen.Distinct().Count());
    }

    [Fact]
    public async Task Query_DefaultBatch_Is2000Records()
    {
        await CreateContactsAsync(2001, "Big");

        var (_, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName = 'Big'"));

        Assert.Equal(2000, body.GetProperty("records").GetArrayLength());
        Assert.False(body.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task QueryLocator_FetchedThroughAnotherApiVersion_StillWorks()
    {
        await CreateContactsAsync(250, "Versioned");
        var headers = new Dictionary<string, string> { ["Sforce-Query-Options"] = "batchSize=200" };
        var (_, first) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName = 'Versioned'"), headers);
        var next = first.GetProperty("nextRecordsUrl").GetString()!.Replace("v66.0", "v45.0", StringComparison.Ordinal);

        var (status, page) = await Client.GetJsonAsync(Server.BaseUrl + next);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(50, page.GetProperty("records").GetArrayLength());
        Assert.True(page.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task QueryLocator_Unknown_IsInvalidQueryLocator()
    {
        var (status, body) = await Client.GetJsonAsync("query/01g500000000099AAA-2000");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_QUERY_LOCATOR", body.ErrorCode());
    }

    [Fact]
    public async Task QueryAll_IncludesDeletedRecords_QueryDoesNot()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Recycled" });
        await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{id}");
        var soql = Uri.EscapeDataString("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Recycled'");

        var (_, query) = await Client.GetJsonAsync("query?q=" + soql);
        var (_, queryAll) = await Client.GetJsonAsync("queryAll?q=" + soql);

        Assert.Equal(0, query.GetProperty("totalSize").GetInt32());
        Assert.Equal(1, queryAll.GetProperty("totalSize").GetInt32());
        Assert.True(queryAll.GetProperty("records")[0].GetProperty("IsDeleted").GetBoolean());
    }

    [Fact]
    public async Task Query_ParentRelationship_NestsParentRecord()
    {
        var account = await Client.CreateAsync("Account", new { Name = "Parent Co" });
        await Client.CreateAsync("Contact", new { LastName = "Child", AccountId = account });
        await Client.CreateAsync("Contact", new { LastName = "Orphan" });

        var (_, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT LastName, Account.Name FROM Contact WHERE LastName IN ('Child', 'Orphan') ORDER BY LastName"));

        var records = body.GetProperty("records");
        var parent = records[0].GetProperty("Account");
        Assert.Equal("Account", parent.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal("Parent Co", parent.GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("Account").ValueKind);
    }

    [Fact]
    public async Task Query_Count_ReturnsTotalSizeAndNoRecords()
    {
        await CreateContactsAsync(3, "Counted");

        var (_, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT COUNT() FROM Contact WHERE LastName = 'Counted'"));

        Assert.Equal(3, body.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, body.GetProperty("records").GetArrayLength());
    }

    [Theory]
    [InlineData("SELECT Id FRM Contact", "MALFORMED_QUERY")]
    [InlineData("SELECT Nope__c FROM Contact", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Nope__c", "INVALID_TYPE")]
    public async Task Query_Invalid_Is400WithSoqlErrorCode(string soql, string errorCode)
    {
        var (status, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString(soql));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(errorCode, body.ErrorCode());
    }

    [Fact]
    public async Task Query_SystemModstampFilter_ReturnsOnlyChangedRecords()
    {
        await Client.CreateAsync("Contact", new { LastName = "Old" });
        Server.Clock.Advance(TimeSpan.FromHours(1));
        var changed = await Client.CreateAsync("Contact", new { LastName = "New" });

        var (_, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE SystemModstamp > 2026-03-02T10:00:00Z"));

        Assert.Equal([changed], body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToArray());
    }

    [Fact]
    public async Task Query_TopLevelConjuncts_FilterLikeSalesforceWhateverTheStoredCase()
    {
        var account = await Client.CreateAsync("Account", new { Name = "Filter Co", NumberOfEmployees = 50 });
        var mixed = await Client.CreateAsync("Contact", new { LastName = "Filter", Email = "Mixed.Case@Example.com", AccountId = account, Birthdate = "1990-05-01" });
        await Client.CreateAsync("Contact", new { LastName = "Filter", Email = "other@example.com", Birthdate = "1980-01-01" });

        async Task<string[]> IdsAsync(string soql)
        {
            var (status, body) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString(soql));
            Assert.Equal(HttpStatusCode.OK, status);
            return [.. body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!)];
        }

        Assert.Equal([mixed], await IdsAsync("SELECT Id FROM Contact WHERE Email = 'mixed.case@example.com'"));
        Assert.Equal([mixed], await IdsAsync("SELECT Id FROM Contact WHERE Email IN ('nobody@example.com', 'MIXED.CASE@EXAMPLE.COM') AND LastName = 'filter'"));
        Assert.Equal([mixed], await IdsAsync("SELECT Id FROM Contact WHERE Birthdate >= 1990-05-01 AND LastName = 'Filter'"));
        Assert.Equal([mixed], await IdsAsync($"SELECT Id FROM Contact WHERE AccountId = '{account[..15]}'"));
        Assert.Equal(2, (await IdsAsync("SELECT Id FROM Contact WHERE CreatedDate >= 2026-03-02T09:30:00Z AND LastName = 'Filter'")).Length);
        Assert.Empty(await IdsAsync("SELECT Id FROM Contact WHERE CreatedDate > 2026-03-02T09:30:00Z AND LastName = 'Filter'"));
        Assert.Equal([account], await IdsAsync("SELECT Id FROM Account WHERE NumberOfEmployees > 49.5"));
    }
}
