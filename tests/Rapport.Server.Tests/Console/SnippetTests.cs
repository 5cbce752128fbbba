using System.Net;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>The snippet and write keys page.</summary>
public sealed class SnippetTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task SnippetPage_ShowsTheWriteKeyInsideTheSnippetWithACopyButton()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}/snippet");

        var snippet = page.QuerySelector("[data-testid=snippet]")!.TextContent;
        Assert.Contains($"\"http://localhost\",\"{dataset.WriteKey}\"", snippet, StringComparison.Ordinal);
        Assert.Contains("/sdk/rapport.js", snippet, StringComparison.Ordinal);
        Assert.Equal("#snippet-code", page.QuerySelector("#copy-snippet")!.GetAttribute("data-copy"));
        Assert.Equal(dataset.WriteKey, page.QuerySelector("[data-testid=write-key] input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task CreateWriteKey_AddsAKeyAndShowsItInTheSnippet()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        using var response = await session.PostFormAsync($"datasets/{dataset.Id}/snippet", "create-write-key", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await session.GetPageAsync(response.Headers.Location!.ToString().TrimStart('/'));
        var keys = page.QuerySelectorAll("[data-testid=write-key] input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(2, keys.Count);
        var created = Assert.Single(keys, k => k != dataset.WriteKey)!;
        Assert.Contains(created, page.QuerySelector("#write-key-created")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(created, page.QuerySelector("[data-testid=snippet]")!.TextContent, StringComparison.Ordinal);
        var stored = await host.GetJsonAsync($"/api/datasets/{dataset.Id}");
        Assert.Contains(created, stored.GetProperty("writeKeys").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task CreateDatasetForm_RedirectsToASnippetWithTheNewDatasetsKey()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        using var session = await ConsoleSession.SignInAsync(host);
        var name = "Shop " + Guid.NewGuid().ToString("N")[..6];

        using var response = await session.PostFormAsync("", "create-dataset", new() { ["Input.Name"] = name });

        var page = await session.GetPageAsync(response.Headers.Location!.ToString().TrimStart('/'));
        var key = page.QuerySelector("[data-testid=write-key] input")!.GetAttribute("value")!;
        Assert.Contains(key, page.QuerySelector("[data-testid=snippet]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector(".topbar-dataset")!.TextContent);
    }
}
