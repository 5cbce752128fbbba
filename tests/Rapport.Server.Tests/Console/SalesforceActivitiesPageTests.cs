using System.Net;
using Rapport.Server.Tests.Support;
using static Rapport.Server.Tests.Console.SalesforceConsoleKit;

namespace Rapport.Server.Tests.Console;

/// <summary>Integrations → Salesforce → Activities: event → Event/Task rules, their templates, and previews from real events.</summary>
public sealed class SalesforceActivitiesPageTests : IAsyncLifetime
{
    private const string Form = "salesforce-activities";
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string ActivitiesPath(string datasetId) => $"datasets/{datasetId}/salesforce/activities";

    [Fact]
    public async Task ActivitiesPage_NewDataset_ShowsSeedDefaultRules()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(ActivitiesPath(dataset.Id));

        Assert.Equal("Salesforce: Activities", page.QuerySelector("h1")!.TextContent);
        var events = page.QuerySelectorAll("[data-testid=activity-rule] input[id$='-event']").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(["nps_score", "nps_feedback", "flow_completed", "checklist_item_completed", "checklist_completed", "goal_reached"], events);
        Assert.Equal("NPS Score Submitted - {{ score }}", page.QuerySelector("#activity-rule-0-subject")!.GetAttribute("value"));
        Assert.Equal("Event", page.QuerySelector("#activity-rule-0-object option[selected]")!.TextContent);
        Assert.Contains("No nps_score event in this dataset yet", page.QuerySelector("#activity-preview-0")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivitiesPage_RecentEvent_PreviewsTheRuleWithItsValues()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/track", """
            {"userId":"ada","event":"nps_score","properties":{"score":9},"context":{"page":{"url":"https://shop.example/pricing","title":"Pricing"}}}
            """, dataset);
        await _host.SendOkAsync("/v1/track", """{"userId":"ada","event":"checklist_item_completed","properties":{"itemIndex":2,"checklistName":"Onboarding","itemName":"Invite a colleague"}}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(ActivitiesPath(dataset.Id));

        Assert.Equal("NPS Score Submitted - 9", page.QuerySelector("#activity-preview-0 [data-testid=activity-preview-subject]")!.TextContent);
        Assert.Equal("9 NPS score. Submission location: https://shop.example/pricing (Pricing)", page.QuerySelector("#activity-preview-0 [data-testid=activity-preview-description]")!.TextContent);
        Assert.Contains("by ada", page.QuerySelector("#activity-preview-0")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Checklist Item #3 Completed - Onboarding", page.QuerySelector("#activity-preview-3 [data-testid=activity-preview-subject]")!.TextContent);
    }

    [Fact]
    public async Task Preview_EditedTemplate_RendersItWithoutSaving()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        await _host.SendOkAsync("/v1/track", """{"userId":"bo","event":"flow_completed","properties":{"flowName":"Welcome tour"}}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, ActivitiesPath(dataset.Id), Form, "preview:2", f => f["Input.Rules[2].Subject"] = "Finished {{ flow_name | string.upcase }}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Equal("Finished WELCOME TOUR", page.QuerySelector("#activity-preview-2 [data-testid=activity-preview-subject]")!.TextContent);
        var rules = (await SettingsAsync(_host, dataset.Id)).GetProperty("activities").GetProperty("rules");
        Assert.Equal("Flow Completed - {{ flow_name }}", rules[2].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Save_UnparsableTemplate_ShowsParseErrorNextToTemplateAndStoresNothing()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, ActivitiesPath(dataset.Id), Form, "save", f => f["Input.Rules[0].Subject"] = "Score {{ score ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("The subject template does not parse", MessagesNear(page, "#activity-rule-0-subject", ".field"), StringComparison.Ordinal);
        Assert.Equal("Score {{ score ", page.QuerySelector("#activity-rule-0-subject")!.GetAttribute("value"));
        var rules = (await SettingsAsync(_host, dataset.Id)).GetProperty("activities").GetProperty("rules");
        Assert.Equal("NPS Score Submitted - {{ score }}", rules[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task AddRule_TaskForDownloads_IsStoredLast()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, ActivitiesPath(dataset.Id), Form, "add", f =>
        {
            f["Input.NewEvent"] = "whitepaper_downloaded";
            f["Input.NewObject"] = "Task";
            f["Input.NewSubject"] = "Downloaded {{ title }}";
            f["Input.NewDescription"] = "From {{ current_page_url }}";
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rules = (await SettingsAsync(_host, dataset.Id)).GetProperty("activities").GetProperty("rules");
        Assert.Equal(7, rules.GetArrayLength());
        var added = rules[6];
        Assert.Equal("whitepaper_downloaded", added.GetProperty("event").GetString());
        Assert.Equal("Task", added.GetProperty("object").GetString());
        Assert.Equal("Downloaded {{ title }}", added.GetProperty("subject").GetString());
        Assert.True(added.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task AddRule_WithoutEventName_ShowsMessageInTheNewRuleAndStoresNothing()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, ActivitiesPath(dataset.Id), Form, "add", f => f["Input.NewSubject"] = "Something happened");

        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("The event name is required.", MessagesNear(page, "#activity-new-event", ".field"), StringComparison.Ordinal);
        var rules = (await SettingsAsync(_host, dataset.Id)).GetProperty("activities").GetProperty("rules");
        Assert.Equal(6, rules.GetArrayLength());
    }

    [Fact]
    public async Task RemoveRule_AndDisableAnother_AreStored()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, ActivitiesPath(dataset.Id), Form, "remove:1", f => f.Remove("Input.Rules[0].Enabled"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rules = (await SettingsAsync(_host, dataset.Id)).GetProperty("activities").GetProperty("rules");
        Assert.Equal(5, rules.GetArrayLength());
        Assert.DoesNotContain(rules.EnumerateArray(), r => r.GetProperty("event").GetString() == "nps_feedback");
        Assert.False(rules[0].GetProperty("enabled").GetBoolean());
    }
}
