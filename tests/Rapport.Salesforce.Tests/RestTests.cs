using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Tests.Support;

namespace Rapport.Salesforce.Tests;

public class RestTests
{
    private sealed record ContactRow(string Id, string? Email);

    [Fact]
    public async Task Query_FollowsNextRecordsUrlAndSendsBatchSize()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Uri.AbsolutePath switch
        {
            "/services/data/v62.0/query" => FakeSalesforceHandler.Json(HttpStatusCode.OK,
                """{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gxx0000000001-2","records":[{"attributes":{"type":"Contact"},"Id":"003A","Email":"a@x"},{"Id":"003B","Email":null}]}"""),
            _ => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"totalSize":3,"done":true,"records":[{"Id":"003C","Email":"c@x"}]}"""),
        });

        var rows = new List<ContactRow>();
        await foreach (var row in harness.Client.QueryAsync<ContactRow>("SELECT Id, Email FROM Contact", new QueryOptions { BatchSize = 500 }, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        Assert.Equal(["003A", "003B", "003C"], rows.Select(r => r.Id));
        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("SELECT Id, Email FROM Contact", Form.Parse(requests[0].Uri.Query)["q"]);
        Assert.Equal("https://acme.my.salesforce.com/services/data/v62.0/query/01gxx0000000001-2", requests[1].Uri.ToString());
        Assert.All(requests, r => Assert.Equal("batchSize=500", r.Header("Sforce-Query-Options")));
        Assert.Equal(2, harness.Calls.Snapshot()[SalesforceEndpointKind.Query]);
    }

    [Fact]
    public async Task QueryAll_UsesTheQueryAllResource()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"totalSize":0,"done":true,"records":[]}"""));
        await foreach (var _ in harness.Client.QueryAsync<JsonElement>("SELECT Id FROM Contact WHERE IsDeleted = true", new QueryOptions { IncludeDeleted = true }, TestContext.Current.CancellationToken))
        {
        }
        Assert.Equal("/services/data/v62.0/queryAll", Assert.Single(harness.Handler.Requests).Path);
        Assert.Null(harness.Handler.Requests[0].Header("Sforce-Query-Options"));
    }

    [Fact]
    public async Task Query_BatchSizeOutOfRange_IsRefused()
    {
        using var harness = new ClientHarness();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in harness.Client.QueryAsync<JsonElement>("SELECT Id FROM Contact", new QueryOptions { BatchSize = 5000 }, TestContext.Current.CancellationToken))
            {
            }
        });
    }

    [Fact]
    public async Task CollectionsCreate_450Records_AreSentInChunksOf200WithPerRecordResults()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            var count = body.RootElement.GetProperty("records").GetArrayLength();
            var results = Enumerable.Range(0, count).Select(i => i == 0
                ? """{"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [LastName]","fields":["LastName"]}]}"""
                : $$"""{"id":"003xx{{i:D13}}","success":true,"errors":[]}""");
            return FakeSalesforceHandler.Json(HttpStatusCode.OK, "[" + string.Join(',', results) + "]");
        });
        var records = Enumerable.Range(0, 450).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["LastName"] = "N" + i, ["Email"] = null }).ToList();

        var results = await harness.Client.Collections.CreateAsync("Contact", records, TestContext.Current.CancellationToken);

        var requests = harness.Handler.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.All(requests, r => Assert.Equal("/services/data/v62.0/composite/sobjects", r.Path));
        var sizes = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("records").GetArrayLength());
        Assert.Equal([200, 200, 50], sizes);
        using var first = JsonDocument.Parse(requests[0].Body);
        Assert.False(first.RootElement.GetProperty("allOrNone").GetBoolean());
        var record = first.RootElement.GetProperty("records")[0];
        Assert.Equal("Contact", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("Email").ValueKind);
        Assert.Equal(450, results.Count);
        Assert.Equal(3, results.Count(r => !r.Success));
        var error = Assert.Single(results[200].Errors);
        Assert.Equal("REQUIRED_FIELD_MISSING", error.ErrorCode);
        Assert.Equal(["LastName"], error.Fields);
        Assert.Equal(3, harness.Calls.Snapshot()[SalesforceEndpointKind.Collections]);
    }

    [Fact]
    public async Task CollectionsUpsert_IsAPatchToTheExternalIdResourceAndReportsCreated()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK, """[{"id":"003xx0000000001AAA","success":true,"errors":[],"created":true}]"""));
        var results = await harness.Client.Collections.UpsertAsync("Contact", "Rapport_Id__c",
            [new Dictionary<string, object?> { ["Rapport_Id__c"] = "u1", ["LastName"] = "A" }], TestContext.Current.CancellationToken);
        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("/services/data/v62.0/composite/sobjects/Contact/Rapport_Id__c", request.Path);
        Assert.True(results[0].Created);
    }

    [Fact]
    public async Task CollectionsDelete_SendsIdsAndAllOrNoneFalse()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK, """[{"id":"003xx0000000001AAA","success":true,"errors":[]}]"""));
        await harness.Client.Collections.DeleteAsync(["003xx0000000001AAA"], TestContext.Current.CancellationToken);
        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("?ids=003xx0000000001AAA&allOrNone=false", request.Uri.Query);
    }

    [Fact]
    public async Task Describe_IsCachedPerClient()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK,
            """{"name":"Contact","label":"Contact","queryable":true,"fields":[{"name":"Email","type":"email","length":80,"externalId":false,"updateable":true}]}"""));

        var first = await harness.Client.DescribeAsync("Contact", TestContext.Current.CancellationToken);
        var second = await harness.Client.DescribeAsync("contact", TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Equal("email", first.Field("email")!.Type);
        Assert.Single(harness.Handler.Requests);
        harness.Client.InvalidateDescribe("Contact");
        await harness.Client.DescribeAsync("Contact", TestContext.Current.CancellationToken);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task ObjectNames_ThatAreNotApiNames_AreRefusedBeforeAnyCall()
    {
        using var harness = new ClientHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.DescribeAsync("Contact/../limits", TestContext.Current.CancellationToken));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task LimitInfoHeader_IsExposedAndPublishedAsMetrics()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(_ => FakeSalesforceHandler.Json(HttpStatusCode.OK, "{}", limitInfo: "api-usage=42/15000"));
        var measurements = new System.Collections.Concurrent.ConcurrentBag<(string Name, long Value)>();
        // Only this harness's meter: parallel tests publish on meters of the same name.
        var factory = harness.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SalesforceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Add((instrument.Name, value)));
        listener.Start();

        await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new ApiUsage(42, 15000), harness.Client.ApiUsage);
        Assert.Contains(("salesforce.api.usage", 42L), measurements);
        Assert.Contains(("salesforce.api.limit", 15000L), measurements);
        Assert.Contains(("salesforce.api.calls", 1L), measurements);
        Assert.Equal(1, harness.Calls.Snapshot()[SalesforceEndpointKind.Limits]);
    }

    [Fact]
    public async Task UpdatedAndDeleted_SendTheWindowAndParseSalesforceDates()
    {
        using var harness = new ClientHarness();
        harness.Handler.Answer(r => r.Path.Contains("/updated/", StringComparison.Ordinal)
            ? FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"ids":["003A","003B"],"latestDateCovered":"2024-01-02T03:00:00.000+0000"}""")
            : FakeSalesforceHandler.Json(HttpStatusCode.OK, """{"deletedRecords":[{"id":"003C","deletedDate":"2024-01-02T01:00:00.000+0000"}],"earliestDateAvailable":"2023-12-20T00:00:00.000+0000","latestDateCovered":"2024-01-02T03:00:00.000+0000"}"""));
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(1);

        var updated = await harness.Client.GetUpdatedAsync("Contact", start, end, TestContext.Current.CancellationToken);
        var deleted = await harness.Client.GetDeletedAsync("Contact", start, end, TestContext.Current.CancellationToken);

        Assert.Equal(["003A", "003B"], updated.Ids);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 0, 0, TimeSpan.Zero), updated.LatestDateCovered);
        Assert.Equal("003C", Assert.Single(deleted.Records).Id);
        Assert.Equal("2024-01-01T00:00:00+00:00", Form.Parse(harness.Handler.Requests[0].Uri.Query)["start"]);
        Assert.Equal(2, harness.Calls.Snapshot()[SalesforceEndpointKind.Changes]);
    }
}
