using System.Net;
using System.Text;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Bulk;

/// <summary>Bulk API 2.0 ingest and query jobs, following the job life cycle of the Bulk API 2.0 Developer Guide.</summary>
public sealed class BulkApiTests : EmulatorTestBase
{

    private async Task<string> PutCsvAsync(string jobId, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await Client.PutAsync($"jobs/ingest/{jobId}/batches", content, Http.Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return jobId;
    }

    private async Task<string> TextAsync(string url)
    {
        using var response = await Client.GetAsync(url, Http.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Http.Ct);
    }

    [Fact]
    public async Task IngestInsert_FullLifecycle_ReportsSuccessfulAndFailedRowsAsCsv()
    {
        var (createStatus, job) = await Client.PostJsonAsync("jobs/ingest", new { @object = "Contact", operation = "insert", contentType = "CSV", lineEnding = "LF" });
        var id = job.GetProperty("id").GetString()!;
        await PutCsvAsync(id, "FirstName,LastName,Email\nAda,Lovelace,ada@example.com\n\"Grace, Jr\",Hopper,not-an-email\n");

        var (patchStatus, patched) = await Client.PatchJsonAsync($"jobs/ingest/{id}", new { state = "UploadComplete" });
        var (_, info) = await Client.GetJsonAsync($"jobs/ingest/{id}");
        var successful = await TextAsync($"jobs/ingest/{id}/successfulResults");
        var failed = await TextAsync($"jobs/ingest/{id}/failedResults");

        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.StartsWith("750", id, StringComparison.Ordinal);
        Assert.Equal("Open", job.GetProperty("state").GetString());
        Assert.Equal($"services/data/v66.0/jobs/ingest/{id}/batches", job.GetProperty("contentUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, patchStatus);
        Assert.Equal("UploadComplete", patched.GetProperty("state").GetString());
        Assert.Equal("JobComplete", info.GetProperty("state").GetString());
        Assert.Equal(2, info.GetProperty("numberRecordsProcessed").GetInt32());
        Assert.Equal(1, info.GetProperty("numberRecordsFailed").GetInt32());
        var successLines = successful.TrimEnd('\n').Split('\n');
        Assert.Equal("\"sf__Id\",\"sf__Created\",\"FirstName\",\"LastName\",\"Email\"", successLines[0]);
        Assert.Matches("^\"003[0-9A-Za-z]{15}\",\"true\",\"Ada\",\"Lovelace\",\"ada@example.com\"$", successLines[1]);
        var failedLines = failed.TrimEnd('\n').Split('\n');
        Assert.Equal("\"sf__Id\",\"sf__Error\",\"FirstName\",\"LastName\",\"Email\"", failedLines[0]);
        Assert.Contains("INVALID_EMAIL_ADDRESS", failedLines[1], StringComparison.Ordinal);
        Assert.Contains("\"Grace, Jr\"", failedLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAborted_ReturnsUploadedRowsAsUnprocessed()
    {
        var (_, job) = await Client.PostJsonAsync("jobs/ingest", new { @object = "Contact", operation = "insert" });
        var id = job.GetProperty("id").GetString()!;
        await PutCsvAsync(id, "LastName\nNever\n");

        var (_, aborted) = await Client.PatchJsonAsync($"jobs/ingest/{id}", new { state = "Aborted" });
        var unprocessed = await TextAsync($"jobs/ingest/{id}/unprocessedrecords");

        Assert.Equal("Aborted", aborted.GetProperty("state").GetString());
        Assert.Equal("\"LastName\"\n\"Never\"\n", unprocessed);
    }

    [Fact]
    public async Task IngestUnknownColumn_FailsTheJob()
    {
        var (_, job) = await Client.PostJsonAsync("jobs/ingest", new { @object = "Contact", operation = "insert" });
        var id = job.GetProperty("id").GetString()!;
        await PutCsvAsync(id, "LastName,Nope__c\nx,y\n");

        await Client.PatchJsonAsync($"jobs/ingest/{id}", new { state = "UploadComplete" });
        var (_, info) = await Client.GetJsonAsync($"jobs/ingest/{id}");

        Assert.Equal("Failed", info.GetProperty("state").GetString());
        Assert.Contains("Nope__c", info.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryJob_ResultsPageWithLocatorAndRecordCountHeaders()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateAsync("Contact", new { LastName = "Bulk", FirstName = $"F{i}" });
        }
        var (status, job) = await Client.PostJsonAsync("jobs/query", new { operation = "query", query = "SELECT Id, FirstName FROM Contact WHERE LastName = 'Bulk' ORDER BY FirstName" });
        var id = job.GetProperty("id").GetString()!;
        var (_, info) = await Client.GetJsonAsync($"jobs/query/{id}");

        using var first = await Client.GetAsync($"jobs/query/{id}/results?maxRecords=3", Http.Ct);
        var locator = first.Headers.GetValues("Sforce-Locator").Single();
        var firstCsv = await first.Content.ReadAsStringAsync(Http.Ct);
        using var second = await Client.GetAsync($"jobs/query/{id}/results?maxRecords=3&locator={locator}", Http.Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("JobComplete", info.GetProperty("state").GetString());
        Assert.Equal(5, info.GetProperty("numberRecordsProcessed").GetInt32());
        Assert.Equal("3", first.Headers.GetValues("Sforce-NumberOfRecords").Single());
        Assert.StartsWith("\"Id\",\"FirstName\"\n", firstCsv, StringComparison.Ordinal);
        Assert.Contains("\"F0\"", firstCsv, StringComparison.Ordinal);
        Assert.Equal("null", second.Headers.GetValues("Sforce-Locator").Single());
        Assert.Equal("2", second.Headers.GetValues("Sforce-NumberOfRecords").Single());
    }

    [Fact]
    public async Task QueryJob_InvalidSoql_Is400()
    {
        var (status, body) = await Client.PostJsonAsync("jobs/query", new { operation = "query", query = "SELECT Nope__c FROM Contact" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", body.ErrorCode());
    }
}
