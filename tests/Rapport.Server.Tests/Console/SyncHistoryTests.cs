using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Server.Tests.Integrations;
using Rapport.Server.Tests.Support;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// Integrations → Salesforce → Sync history: runs recorded through the real run store (counts,
/// API calls, deduplicated errors) on a connection established against the emulator.
/// </summary>
public sealed class SyncHistoryTests(SqliteSalesforceConnectionFixture fixture) : IClassFixture<SqliteSalesforceConnectionFixture>
{
    [Fact]
    public async Task History_RunWithCountsAndErrors_ShowsCountsApiCallsAndErrorsWithRecordLink()
    {
        var (session, datasetId) = await ConnectedAsync();
        using var signedIn = session;
        var connection = await fixture.RowAsync(datasetId);
        var runId = await RecordRunAsync(connection, pulled: 12, updated: 5, apiCalls: new() { ["query"] = 3, ["composite/sobjects"] = 2 },
            error: new CrmError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Lead Score must be positive", ["Rapport_Lead_Score__c"]), recordId: "003000000000123AAA");

        var page = await session.GetPageAsync($"datasets/{datasetId}/salesforce/history");

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=sf-run-row]"));
        Assert.Equal("Success with errors", row.QuerySelector("[data-testid=sf-run-status]")!.TextContent);
        var counts = row.QuerySelector("[data-record-type='pull:Contact']")!.TextContent;
        Assert.Contains("12 pulled", counts, StringComparison.Ordinal);
        Assert.Contains("5 updated", counts, StringComparison.Ordinal);
        Assert.Contains("1 failed", counts, StringComparison.Ordinal);
        Assert.Equal("5", row.QuerySelector("[data-testid=sf-run-api-calls]")!.TextContent.Trim());
        Assert.Equal("12", row.QuerySelector("[data-testid=sf-run-records]")!.TextContent.Trim());
        var error = Assert.Single(page.QuerySelectorAll("[data-testid=sf-error-row]"));
        Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", error.QuerySelector("[data-testid=sf-error-code]")!.TextContent);
        Assert.Equal("Lead Score must be positive", error.QuerySelector("[data-testid=sf-error-message]")!.TextContent);
        Assert.Equal("Rapport_Lead_Score__c", error.QuerySelector("[data-testid=sf-error-fields]")!.TextContent);
        Assert.Equal($"{connection.InstanceUrl!.TrimEnd('/')}/003000000000123AAA", error.QuerySelector("[data-testid=sf-error-record] a")!.GetAttribute("href"));
        var chart = page.QuerySelector("svg[data-testid=sf-chart]")!;
        Assert.Equal("Records and API calls per run", chart.QuerySelector("title")!.TextContent);
        Assert.Contains($"run {runId}: 12 records, 5 API calls", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDetail_ShowsApiCallsByEndpointAndErrors()
    {
        var (session, datasetId) = await ConnectedAsync();
        using var signedIn = session;
        var connection = await fixture.RowAsync(datasetId);
        var runId = await RecordRunAsync(connection, pulled: 3, updated: 1, apiCalls: new() { ["query"] = 4, ["sobjects/describe"] = 1 },
            error: new CrmError("INVALID_EMAIL_ADDRESS", "Email: invalid email address: nope", ["Email"]), recordId: null);

        var page = await session.GetPageAsync($"datasets/{datasetId}/salesforce/history/{runId}");

        Assert.Equal($"Sync run #{runId}", page.QuerySelector("h1")!.TextContent);
        var endpoints = page.QuerySelectorAll("[data-testid=sf-run-api-table] tbody tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(["query4", "sobjects/describe1"], endpoints.Select(e => string.Concat(e.Where(c => !char.IsWhiteSpace(c)))));
        var error = Assert.Single(page.QuerySelectorAll("[data-testid=sf-error-row]"));
        Assert.Equal("INVALID_EMAIL_ADDRESS", error.QuerySelector("[data-testid=sf-error-code]")!.TextContent);
        Assert.Null(error.QuerySelector("[data-testid=sf-error-record] a"));
        Assert.NotNull(page.QuerySelector("h2#errors"));
    }

    [Fact]
    public async Task SetupPage_LastRunHasErrors_ShowErrorsLinksToTheRunsErrors()
    {
        var (session, datasetId) = await ConnectedAsync();
        using var signedIn = session;
        var runId = await RecordRunAsync(await fixture.RowAsync(datasetId), pulled: 1, updated: 0, apiCalls: new() { ["query"] = 1 },
            error: new CrmError("DUPLICATE_VALUE", "duplicate value found", []), recordId: "00Q000000000001AAA");

        var page = await session.GetPageAsync(SalesforceSetupTests.SetupPath(datasetId));

        Assert.Equal("Success with errors", page.QuerySelector("[data-testid=sf-last-sync-status]")!.TextContent);
        Assert.Equal($"datasets/{datasetId}/salesforce/history/{runId}#errors", page.QuerySelector("#sf-show-errors")!.GetAttribute("href"));
    }

    [Fact]
    public async Task History_ManyRuns_PagesThemNewestFirst()
    {
        var (session, datasetId) = await ConnectedAsync();
        using var signedIn = session;
        var connection = await fixture.RowAsync(datasetId);
        var ids = new List<long>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await RecordRunAsync(connection, pulled: i, updated: 0, apiCalls: new() { ["query"] = 1 }, error: null, recordId: null));
        }

        var first = await session.GetPageAsync($"datasets/{datasetId}/salesforce/history");
        var second = await session.GetPageAsync($"datasets/{datasetId}/salesforce/history?page=2");

        var firstIds = first.QuerySelectorAll("[data-testid=sf-run-row]").Select(r => long.Parse(r.GetAttribute("data-run-id")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse().Take(20), firstIds);
        Assert.NotNull(first.QuerySelector("[data-testid=sf-older]"));
        var secondRow = Assert.Single(second.QuerySelectorAll("[data-testid=sf-run-row]"));
        Assert.Equal(ids[0].ToString(CultureInfo.InvariantCulture), secondRow.GetAttribute("data-run-id"));
        Assert.NotNull(second.QuerySelector("[data-testid=sf-newer]"));
    }

    [Fact]
    public async Task History_NoConnection_SaysSoAndLinksToSetup()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}/salesforce/history");

        Assert.NotNull(page.QuerySelector("[data-testid=sf-history-not-connected] a[href$='salesforce/setup']"));
    }

    private async Task<(ConsoleSession Session, string DatasetId)> ConnectedAsync()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        await SalesforceSetupTests.ConnectAsync(session, dataset.Id, fixture);
        return (session, dataset.Id);
    }

    // A run recorded the way the runner records one: a Running row, then the run store finishing it.
    private async Task<long> RecordRunAsync(SalesforceConnectionEntity connection, long pulled, long updated, Dictionary<string, long> apiCalls,
        CrmError? error, string? recordId)
    {
        var services = fixture.Rapport.Services;
        var time = services.GetRequiredService<TimeProvider>();
        long runId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var run = new SyncRunEntity
            {
                ConnectionId = connection.Id, DatasetId = connection.DatasetId, Trigger = SyncTriggers.Manual, Status = SyncRunStatus.Running,
                StartedAt = time.GetUtcNow().UtcDateTime.AddSeconds(-3),
            };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            runId = run.Id;
        }
        var recorder = new SyncRunRecorder(runId);
        var stats = recorder.For("pull", "Contact");
        stats.AddRead(pulled);
        stats.AddMatched(pulled);
        stats.AddUpdated(updated);
        stats.AddUnchanged(pulled - updated);
        if (error is not null)
        {
            stats.AddFailed();
            recorder.Error("pull", "Contact", recordId, null, error);
        }
        await services.GetRequiredService<SyncRunStore>().FinishAsync(runId, recorder, apiCalls, failure: null, TestContext.Current.CancellationToken);
        return runId;
    }
}
