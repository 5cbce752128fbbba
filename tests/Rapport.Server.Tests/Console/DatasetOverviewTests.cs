using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>A dataset's overview: its facts, counts, processing state and Salesforce state. Run on each database.</summary>
public abstract class DatasetOverviewTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task Overview_AfterEvents_ShowsCountsAndProcessingUpToDate()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync(timeZone: "Europe/Paris");
        await host.SendOkAsync("/v1/identify", """{"userId":"ada","traits":{"email":"ada@example.com"}}""", dataset);
        await host.SendOkAsync("/v1/identify", """{"userId":"grace"}""", dataset);
        await host.SendOkAsync("/v1/group", """{"userId":"ada","groupId":"acme","traits":{"name":"Acme"}}""", dataset);
        await host.SendOkAsync("/v1/track", """{"userId":"ada","event":"Signed Up"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}");

        Assert.Equal(dataset.Name, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(dataset.Id, page.QuerySelector("#overview-dataset-id")!.TextContent);
        Assert.Equal("Europe/Paris", page.QuerySelector("#overview-time-zone")!.TextContent);
        Assert.Equal("2", page.QuerySelector("#overview-profiles")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#overview-accounts")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#overview-events")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#overview-events-24h")!.TextContent);
        Assert.Equal("Up to date", page.QuerySelector("#overview-processing")!.TextContent);
        Assert.Equal("Not connected", page.QuerySelector("#overview-salesforce-state")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='datasets/{dataset.Id}/salesforce/setup']"));
    }

    [Fact]
    public async Task Overview_NewDataset_ShowsZeroesAndLinksToTheSnippet()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}");

        Assert.Equal("0", page.QuerySelector("#overview-events")!.TextContent);
        Assert.Equal("0", page.QuerySelector("#overview-profiles")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='datasets/{dataset.Id}/snippet']"));
    }

    [Fact]
    public async Task Overview_UnknownDataset_Is404()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        using var session = await ConsoleSession.SignInAsync(host);

        // The status only: the foundation's "Dataset not found" page body is replaced by the
        // status-code-pages problem document today (DatasetPage), which is not this page's to fix.
        await session.GetPageAsync("datasets/ds_nothere", System.Net.HttpStatusCode.NotFound);
    }
}

public sealed class DatasetOverviewSqliteTests(SqliteHostFixture fixture) : DatasetOverviewTests<SqliteHostFixture>(fixture);

public sealed class DatasetOverviewPostgresTests(PostgresHostFixture fixture) : DatasetOverviewTests<PostgresHostFixture>(fixture);
