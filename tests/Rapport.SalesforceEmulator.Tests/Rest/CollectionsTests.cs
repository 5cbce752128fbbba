using System.Net;
using System.Text.Json;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>sObject Collections and /composite/batch against the documented request and response shapes.</summary>
public sealed class CollectionsTests : EmulatorTestBase
{

    private static Dictionary<string, object> Record(string type, object fields)
    {
        var dictionary = JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        dictionary["attributes"] = new { type };
        return dictionary;
    }

    [Fact]
    public async Task Create_MixedTypes_OneSaveResultPerRecordInOrder()
    {
        var (status, body) = await Client.PostJsonAsync("composite/sobjects", new
        {
            allOrNone = false,
            records = new[] { Record("Account", new { Name = "A1" }), Record("Contact", new { FirstName = "No last name" }), Record("Contact", new { LastName = "C2" }) },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetArrayLength());
        Assert.True(body[0].GetProperty("success").GetBoolean());
        Assert.StartsWith("001", body[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, body[0].GetProperty("errors").GetArrayLength());
        Assert.False(body[1].GetProperty("success").GetBoolean());
        var error = body[1].GetProperty("errors")[0];
        Assert.Equal("REQUIRED_FIELD_MISSING", error.GetProperty("statusCode").GetString());
        Assert.Equal(["LastName"], error.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.StartsWith("003", body[2].GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AllOrNoneWithOneFailure_RollsBackTheOthers()
    {
        var (_, body) = await Client.PostJsonAsync("composite/sobjects", new
        {
            allOrNone = true,
            records = new[] { Record("Contact", new { LastName = "Rolled" }), Record("Contact", new { Email = "bad" }) },
        });
        var (_, query) = await Client.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName = 'Rolled'"));

        Assert.False(body[0].GetProperty("success").GetBoolean());
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", body[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.False(body[0].TryGetProperty("id", out _));
        Assert.Equal("REQUIRED_FIELD_MISSING", body[1].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal(0, query.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Create_MoreThan200Records_IsRejected()
    {
        var records = Enumerable.Range(0, 201).Select(i => Record("Contact", new { LastName = $"L{i}" })).ToArray();

        var (status, body) = await Client.PostJsonAsync("composite/sobjects", new { records });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("EXCEEDED_ID_LIMIT", body.ErrorCode());
    }

    [Fact]
    public async Task Update_ThenRetrieve_ReturnsChangedRecordsAndNullForMissing()
    {
        var first = await Client.CreateAsync("Contact", new { LastName = "One" });
        var second = await Client.CreateAsync("Contact", new { LastName = "Two" });

        var (updateStatus, update) = await Client.PatchJsonAsync("composite/sobjects", new
        {
            records = new[] { Record("Contact", new { id = first, Title = "T1" }), Record("Contact", new { id = second, Title = "T2" }) },
        });
        var (_, retrieved) = await Client.GetJsonAsync($"composite/sobjects/Contact?ids={first},{second},003500000000999AAA&fields=Id,Title");

        Assert.Equal(HttpStatusCode.OK, updateStatus);
        Assert.All(update.EnumerateArray(), r => Assert.True(r.GetProperty("success").GetBoolean()));
        Assert.Equal(first, update[0].GetProperty("id").GetString());
        Assert.Equal("T1", retrieved[0].GetProperty("Title").GetString());
        Assert.Equal("T2", retrieved[1].GetProperty("Title").GetString());
        Assert.Equal(JsonValueKind.Null, retrieved[2].ValueKind);
    }

    [Fact]
    public async Task Delete_ByIds_ReportsEachAndDeletedIdFails()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Bye" });

        var (_, first) = await Client.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={id}");
        var (_, second) = await Client.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={id},garbage");

        Assert.True(first[0].GetProperty("success").GetBoolean());
        Assert.Equal("ENTITY_IS_DELETED", second[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal("MALFORMED_ID", second[1].GetProperty("errors")[0].GetProperty("statusCode").GetString());
    }

    [Fact]
    public async Task Batch_HaltOnError_Answers412ForTheRest()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Batched" });

        var (status, body) = await Client.PostJsonAsync("composite/batch", new
        {
            haltOnError = true,
            batchRequests = new object[]
            {
                new { method = "GET", url = $"v66.0/sobjects/Contact/{id}?fields=LastName" },
                new { method = "PATCH", url = $"v66.0/sobjects/Contact/{id}", richInput = new { Email = "bad" } },
                new { method = "GET", url = "v66.0/limits" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("hasErrors").GetBoolean());
        var results = body.GetProperty("results");
        Assert.Equal(200, results[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("Batched", results[0].GetProperty("result").GetProperty("LastName").GetString());
        Assert.Equal(400, results[1].GetProperty("statusCode").GetInt32());
        Assert.Equal("INVALID_EMAIL_ADDRESS", results[1].GetProperty("result")[0].GetProperty("errorCode").GetString());
        Assert.Equal(412, results[2].GetProperty("statusCode").GetInt32());
        Assert.Equal("BATCH_PROCESSING_HALTED", results[2].GetProperty("result")[0].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Batch_Success_Has204WithNullResult()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Patched" });

        var (_, body) = await Client.PostJsonAsync("composite/batch", new
        {
            batchRequests = new object[] { new { method = "PATCH", url = $"v66.0/sobjects/Contact/{id}", richInput = new { Title = "CTO" } } },
        });

        Assert.False(body.GetProperty("hasErrors").GetBoolean());
        Assert.Equal(204, body.GetProperty("results")[0].GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("results")[0].GetProperty("result").ValueKind);
    }
}
