using System.Net;
using System.Text.Json;
using Rapport.Salesforce.Bulk;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests;

public class BulkTests
{
    private const string Job = "/services/data/v62.0/jobs/ingest/750xx0000000001AAA";

    [Fact]
    public async Task RunIngest_CreatesUploadsClosesPollsAndParsesResults()
    {
        using var harness = new ClientHarness();
        var polls = 0;
        harness.Handler.Answer(r => (r.Method.Method, r.Path) switch
        {
            ("POST", "/services/data/v62.0/jobs/ingest") => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"id":"750xx0000000001AAA","state":"Open","object":"Contact","operation":"upsert"}"""),
            ("PUT", Job + "/batches") => new HttpResponseMessage(HttpStatusCode.Created),
            ("PATCH", Job) => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"id":"750xx0000000001AAA","state":"UploadComplete"}"""),
            ("GET", Job) => FakeSalesforceHandler.Json(HttpStatusCode.OK, ++polls < 3
                ? """{"id":"750xx0000000001AAA","state":"InProgress"}"""
                : """{"id":"750xx0000000001AAA","state":"JobComplete","numberRecordsProcessed":3,"numberRecordsFailed":1}"""),
            ("GET", Job + "/successfulResults/") => FakeSalesforceHandler.Csv("\"sf__Id\",\"sf__Created\",\"Rapport_Id__c\",\"LastName\"\n\"003xx0000000001AAA\",\"true\",\"u1\",\"A\"\n"),
            ("GET", Job + "/failedResults/") => FakeSalesforceHandler.Csv("\"sf__Id\",\"sf__Error\",\"Rapport_Id__c\",\"LastName\"\n\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --\",\"u2\",\"\"\n"),
            ("GET", Job + "/unprocessedrecords/") => FakeSalesforceHandler.Csv("\"Rapport_Id__c\",\"LastName\"\n\"u3\",\"C\"\n"),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.NotFound, """[{"errorCode":"NOT_FOUND","message":"nope"}]"""),
        });

        var result = await harness.Client.Bulk.RunIngestAsync(new BulkIngestRequest
        {
            Object = "Contact",
            Operation = BulkOperation.Upsert,
            ExternalIdFieldName = "Rapport_Id__c",
            Columns = ["Rapport_Id__c", "LastName"],
            Rows = [["u1", "A"], ["u2", null], ["u3", "C, \"the third\""]],
        }, TestContext.Current.CancellationToken);

        var requests = harness.Handler.Requests;
        using var create = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("upsert", create.RootElement.GetProperty("operation").GetString());
        Assert.Equal("Rapport_Id__c", create.RootElement.GetProperty("externalIdFieldName").GetString());
        Assert.Equal("CSV", create.RootElement.GetProperty("contentType").GetString());
        Assert.Equal("LF", create.RootElement.GetProperty("lineEnding").GetString());
        Assert.Equal("text/csv", requests[1].ContentType);
        Assert.Equal("Rapport_Id__c,LastName\nu1,A\nu2,#N/A\nu3,\"C, \"\"the third\"\"\"\n", requests[1].Body);
        Assert.Equal("""{"state":"UploadComplete"}""", requests[2].Body);
        Assert.Equal(3, polls);
        Assert.Equal("JobComplete", result.Job.State);
        var success = Assert.Single(result.Successful);
        Assert.Equal(("003xx0000000001AAA", true, "u1"), (success.Id, success.Created, success.Fields["Rapport_Id__c"]));
        var failed = Assert.Single(result.Failed);
        Assert.Null(failed.Id);
        Assert.Equal("REQUIRED_FIELD_MISSING", failed.ErrorCode);
        Assert.Equal("u2", failed.Fields["Rapport_Id__c"]);
        Assert.Equal("u3", Assert.Single(result.Unprocessed)["Rapport_Id__c"]);
    }

    [Fact]
    public async Task Query_FollowsSforceLocatorUntilNull()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => (r.Method.Method, r.Path) switch
        {
            ("POST", "/services/data/v62.0/jobs/query") => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"id":"750xx0000000002AAA","state":"UploadComplete"}"""),
            ("GET", "/services/data/v62.0/jobs/query/750xx0000000002AAA") => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"id":"750xx0000000002AAA","state":"JobComplete"}"""),
            _ when r.Uri.Query.Contains("locator=L2", StringComparison.Ordinal) => FakeSalesforceHandler.Csv("\"Id\",\"Name\"\n\"001B\",\"Beta\"\n", "null"),
            _ => FakeSalesforceHandler.Csv("\"Id\",\"Name\"\n\"001A\",\"Alpha\"\n", "L2"),
        });

        var names = new List<string>();
        await foreach (var row in harness.Client.Bulk.QueryAsync("SELECT Id, Name FROM Account", maxRecordsPerPage: 1, cancellationToken: TestContext.Current.CancellationToken))
        {
            names.Add(row["Name"]);
        }

        Assert.Equal(["Alpha", "Beta"], names);
        var pages = harness.Handler.RequestsTo("/results");
        Assert.Equal(["?maxRecords=1", "?maxRecords=1&locator=L2"], pages.Select(p => p.Uri.Query));
    }
}
