using System.Text;
using Rapport.Sync.Activities;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Activities;

public sealed class ActivityTemplateTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private static ActivityVariables Variables(string json, string name = "checklist_item_completed")
        => ActivityVariables.FromMessage(Encoding.UTF8.GetBytes(json), name, "u1", null, At);

    private static string Render(string template, ActivityVariables variables)
    {
        Assert.True(ActivityTemplate.TryParse(template, out var parsed, out var error), error);
        return parsed!.Render(variables);
    }

    [Fact]
    public void Render_ChecklistItemDefault_CountsItemsFromOne()
    {
        var rule = ActivityRule.Defaults.Single(r => r.Event == "checklist_item_completed");
        var variables = Variables("""{"properties":{"itemIndex":2,"itemName":"Invite a teammate","checklistName":"Getting started"}}""");

        Assert.Equal("Checklist Item #3 Completed - Getting started", Render(rule.Subject, variables));
        Assert.Equal("User has completed an item titled “Invite a teammate”. This is part of the “Getting started” checklist.", Render(rule.Description, variables));
    }

    [Fact]
    public void Render_NpsScoreDefault_TakesLocationFromContextPage()
    {
        var rule = ActivityRule.Defaults.Single(r => r.Event == "nps_score");
        var variables = Variables("""{"properties":{"score":9,"url":"https://ignored"},"context":{"page":{"url":"https://app.example/settings","title":"Settings"}}}""", "nps_score");

        Assert.Equal("NPS Score Submitted - 9", Render(rule.Subject, variables));
        Assert.Equal("9 NPS score. Submission location: https://app.example/settings (Settings)", Render(rule.Description, variables));
    }

    [Fact]
    public void Render_NoContextPage_FallsBackToUrlAndTitleProperties()
    {
        var variables = Variables("""{"properties":{"url":"https://app.example/home","title":"Home"}}""");

        Assert.Equal("https://app.example/home (Home)", Render("{{ current_page_url }} ({{ current_page_title }})", variables));
    }

    [Fact]
    public void Render_MissingVariables_RenderEmpty()
    {
        var rule = ActivityRule.Defaults.Single(r => r.Event == "flow_completed");

        Assert.Equal("User completed the flow titled “”.", Render(rule.Description, Variables("{}", "flow_completed")));
    }

    [Fact]
    public void Render_MinusAndTimes_AreEvaluated()
    {
        var variables = Variables("""{"properties":{"step":4}}""");

        Assert.Equal("3 of 12, then 5", Render("{{ step - 1 }} of {{ step * 3 }}, then {{step+1}}", variables));
    }

    [Fact]
    public void Render_EventUserAndTimestamp_AreAvailable()
    {
        Assert.Equal("checklist_item_completed by u1 at 2026-03-01T12:30:00.000Z", Render("{{ event }} by {{ user_id }} at {{ timestamp }}", Variables("{}")));
    }

    [Fact]
    public void Render_ValuesWithMarkup_AreNotHtmlEncoded()
    {
        var variables = Variables("""{"properties":{"flowName":"Tips & <tricks>"}}""", "flow_completed");

        Assert.Equal("Flow Completed - Tips & <tricks>", Render("Flow Completed - {{ flow_name }}", variables));
    }

    [Fact]
    public void TryParse_UnclosedTag_ReportsError()
    {
        Assert.False(ActivityTemplate.TryParse("Flow {{ flow_name ", out var template, out var error));
        Assert.Null(template);
        Assert.Equal("The \"{{\" at line 1, column 6 is never closed with \"}}\".", error);
    }

    [Fact]
    public void TryParse_IfWithoutCondition_ReportsErrorWithPosition()
    {
        Assert.False(ActivityTemplate.TryParse("Score {{ if }}high{{ end }}", out _, out var error));
        Assert.Contains("(1,", error);
    }

    [Fact]
    public void Render_ScribanFunctionsAndConditions_AreEvaluated()
    {
        var variables = Variables("""{"properties":{"flowName":"onboarding","score":9.5}}""", "flow_completed");

        Assert.Equal("ONBOARDING: promoter (9.5)", Render("{{ flow_name | string.upcase }}: {{ if score >= 9 }}promoter{{ else }}other{{ end }} ({{ score }})", variables));
    }

    [Fact]
    public void Render_NestedPropertiesAndLists_AreReachable()
    {
        var variables = Variables("""{"properties":{"plan":{"name":"Pro"},"items":["a","b","c"]}}""");

        Assert.Equal("Pro: 3 items, first a", Render("{{ plan.name }}: {{ items.size }} items, first {{ items[0] }}", variables));
    }

    [Theory]
    [InlineData("itemIndex", "item_index")]
    [InlineData("flowName", "flow_name")]
    [InlineData("pageURL", "page_url")]
    [InlineData("URLPath", "url_path")]
    [InlineData("score", "score")]
    public void SnakeCase_CamelCaseName_GivesAlias(string name, string expected) => Assert.Equal(expected, ActivityVariables.SnakeCase(name));

    [Fact]
    public void TryRender_RunawayLoop_ReportsErrorInsteadOfHanging()
    {
        Assert.True(ActivityTemplate.TryParse("{{ for i in 1..50000 }}x{{ end }}", out var template, out _));

        Assert.False(template!.TryRender(Variables("{}"), out var text, out var error));
        Assert.Equal("", text);
        Assert.NotNull(error);
    }
}
