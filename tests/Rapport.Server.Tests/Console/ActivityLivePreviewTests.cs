using System.Net;
using System.Text.Json;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// The Activities page's live preview: activities.js posts a rule's templates, with the page's
/// antiforgery token, to …/salesforce/activities/preview and shows what comes back.
/// </summary>
public sealed class ActivityLivePreviewTests : IAsyncLifetime
{
    private const string Form = "salesforce-activities";
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string ActivitiesPath(string datasetId) => $"datasets/{datasetId}/salesforce/activities";

    [Fact]
    public async Task ActivitiesPage_EveryRule_CarriesWhatTheLivePreviewNeeds()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(ActivitiesPath(dataset.Id));

        var form = page.QuerySelector("form[data-activity-preview-url]");
        Assert.NotNull(form);
        Assert.Equal($"datasets/{dataset.Id}/salesforce/activities/preview", form.GetAttribute("data-activity-preview-url"));
        var rules = page.QuerySelectorAll("[data-activity-rule]");
        Assert.Equal(7, rules.Length); // six default rules and the new one
        foreach (var rule in rules)
        {
            foreach (var part in new[] { "event", "subject", "description" })
            {
                var control = rule.QuerySelector($"[data-template={part}]");
                Assert.NotNull(control);
                Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']"));
            }
            Assert.NotNull(rule.QuerySelector("[data-testid=activity-preview][aria-live=polite]"));
        }
        var script = page.QuerySelector("script[src^='console/assets/activities.js']")!.GetAttribute("src")!;
        using var asset = await session.Client.GetAsync(script, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("data-activity-preview-url", await asset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivePreview_TypedTemplates_RenderFromTheLatestEvent()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/track", """{"userId":"bo","event":"flow_completed","properties":{"flowName":"First tour"},"timestamp":"2026-01-05T10:00:00Z"}""", dataset);
        await _host.SendOkAsync("/v1/track", """{"userId":"cy","event":"flow_completed","properties":{"flowName":"Welcome tour"},"context":{"page":{"url":"https://shop.example/start"}},"timestamp":"2026-01-06T10:00:00Z"}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);

        var (status, body) = await PreviewAsync(session, dataset.Id, "flow_completed", "Finished {{ flow_name | string.upcase }}", "Seen on {{ current_page_url }}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("found").GetBoolean());
        Assert.Equal("cy", body.GetProperty("who").GetString());
        Assert.Equal("Finished WELCOME TOUR", body.GetProperty("subject").GetString());
        Assert.Equal("Seen on https://shop.example/start", body.GetProperty("description").GetString());
        Assert.Empty(body.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task LivePreview_LongSubject_IsCutToSalesforcesLengthAsTheSyncCutsIt()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/track", """{"userId":"bo","event":"goal_reached","properties":{"goalName":"Activation"}}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);

        var (_, body) = await PreviewAsync(session, dataset.Id, "goal_reached", "{{ goal_name }} " + new string('x', 400), "");

        var subject = body.GetProperty("subject").GetString()!;
        Assert.Equal(Rapport.Sync.Activities.ActivityText.SubjectMaxLength, subject.Length);
        Assert.StartsWith("Activation xxx", subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivePreview_UnparsableSubject_ReturnsTheMessageSaveWouldShowForThatField()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/track", """{"userId":"bo","event":"nps_score","properties":{"score":7}}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);

        var (_, body) = await PreviewAsync(session, dataset.Id, "nps_score", "Score {{ score ", "{{ score }} points");

        var errors = body.GetProperty("errors");
        Assert.StartsWith("The subject template does not parse", errors.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("description", out _));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("subject").ValueKind);
        Assert.Equal("7 points", body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task LivePreview_TemplateFailingOnThisEvent_SaysSoForThatField()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/track", """{"userId":"bo","event":"nps_score","properties":{"score":7}}""", dataset);
        using var session = await ConsoleSession.SignInAsync(_host);

        // Parses, but runs past the step limit that keeps an admin's loop from hanging the dispatcher.
        var (_, body) = await PreviewAsync(session, dataset.Id, "nps_score", "NPS {{ score }}", "{{ for i in 1..100000 }}x{{ end }}");

        Assert.Equal("NPS 7", body.GetProperty("subject").GetString());
        Assert.StartsWith("The description template fails on this event", body.GetProperty("errors").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivePreview_NoSuchEventYet_SaysSoAndStillChecksTheTemplates()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);

        var (_, body) = await PreviewAsync(session, dataset.Id, "webinar_attended", "", "{{ if }}");

        Assert.Equal("webinar_attended", body.GetProperty("event").GetString());
        Assert.False(body.GetProperty("found").GetBoolean());
        var errors = body.GetProperty("errors");
        Assert.StartsWith("The subject template is required", errors.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The description template does not parse", errors.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivePreview_NoEventName_AsksForOne()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);

        var (_, body) = await PreviewAsync(session, dataset.Id, "  ", "Something", "");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("event").ValueKind);
        Assert.Equal("The event name is required.", body.GetProperty("errors").GetProperty("event").GetString());
    }

    [Fact]
    public async Task LivePreview_WithoutAntiforgeryToken_IsRefused()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await session.Client.PostAsync($"datasets/{dataset.Id}/salesforce/activities/preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "nps_score",
            ["subject"] = "{{ score }}",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Contains("Invalid anti-forgery token", StringComparison.Ordinal), body);
        Assert.DoesNotContain("\"found\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivePreview_SignedOut_SendsToSignIn()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = ConsoleSession.Anonymous(_host);
        using var response = await session.Client.PostAsync($"datasets/{dataset.Id}/salesforce/activities/preview",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["event"] = "nps_score" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task LivePreview_UnknownDataset_Answers404Problem()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        var token = await session.FormTokenAsync(ActivitiesPath(dataset.Id), Form);
        using var response = await session.Client.PostAsync("datasets/ds_missing/salesforce/activities/preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "nps_score",
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PreviewAsync(ConsoleSession session, string datasetId, string eventName, string subject, string description)
    {
        var token = await session.FormTokenAsync(ActivitiesPath(datasetId), Form);
        using var response = await session.Client.PostAsync($"datasets/{datasetId}/salesforce/activities/preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = eventName,
            ["subject"] = subject,
            ["description"] = description,
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the preview answered {(int)response.StatusCode}: {text}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
