using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// The event stream page: the latest events with filters, the live stream of server-sent events
/// (resume, filters, sign-in), and "Send test event" through the real tracking pipeline. Run on
/// each database by the derived classes.
/// </summary>
public abstract class EventStreamTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task EventsPage_TrackedEvents_ListsThemNewestFirst()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "Signed Up", "user-1");
        await Track(host, dataset, "Order Completed", "user-2");
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}/events");

        var rows = page.QuerySelectorAll("[data-testid=event-row]");
        Assert.Equal(["Order Completed", "Signed Up"], rows.Select(r => r.QuerySelector(".event-name")!.TextContent));
        Assert.Equal("user-2", rows[0].QuerySelector(".event-person a")!.TextContent);
        Assert.Equal("track", rows[0].QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task EventsPage_NameFilter_ShowsOnlyThatNameAndKeepsItInTheFormAndStream()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "Signed Up", "user-1");
        await Track(host, dataset, "Order Completed", "user-1");
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}/events?name=Signed%20Up");

        var names = page.QuerySelectorAll("[data-testid=event-row] .event-name").Select(c => c.TextContent).ToList();
        Assert.Equal(["Signed Up"], names);
        Assert.Equal("Signed Up", page.QuerySelector("#event-filter-name")!.GetAttribute("value"));
        Assert.Contains("name=Signed%20Up", page.QuerySelector("#event-stream")!.GetAttribute("data-stream"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsPage_TypeAndUserFilters_ShowOnlyMatchingEvents()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "Signed Up", "user-1");
        await host.SendOkAsync("/v1/page", """{"userId":"user-1","name":"Pricing"}""", dataset);
        await Track(host, dataset, "Signed Up", "user-2");
        using var session = await ConsoleSession.SignInAsync(host);

        var pages = await session.GetPageAsync($"datasets/{dataset.Id}/events?type=page");
        var ofUser = await session.GetPageAsync($"datasets/{dataset.Id}/events?userId=user-2");

        Assert.Equal(["Pricing"], pages.QuerySelectorAll("[data-testid=event-row] .event-name").Select(c => c.TextContent));
        Assert.Equal("page", pages.QuerySelector("#event-filter-type option[selected]")!.GetAttribute("value"));
        Assert.Equal(["user-2"], ofUser.QuerySelectorAll("[data-testid=event-row] .event-person a").Select(c => c.TextContent));
    }

    [Fact]
    public async Task EventsPage_UnknownType_ShowsErrorNextToTheTypeFilter()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync($"datasets/{dataset.Id}/events?type=purchase", HttpStatusCode.BadRequest);

        Assert.Contains("\"purchase\" is not an event type", page.QuerySelector("#event-filter-type-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTestEvent_WithoutScript_StoresATrackEventAndShowsItHighlighted()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host, "tester-" + Guid.NewGuid().ToString("N")[..6]);

        using var response = await session.PostFormAsync($"datasets/{dataset.Id}/events", "send-test-event", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("sent=rapport-test-", location, StringComparison.Ordinal);
        var page = await session.GetPageAsync(location.TrimStart('/'));
        var row = page.QuerySelector("tr.event-sent")!;
        Assert.Equal("Rapport test event", row.QuerySelector(".event-name")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=send-test-event-sent]"));
        // It went through the tracking pipeline into the log, and the processor made its profile.
        var stored = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?name=Rapport%20test%20event");
        Assert.Equal(row.GetAttribute("data-message-id"), Assert.Single(stored.EnumerateArray()).GetProperty("messageId").GetString());
        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "rapport-console-test");
        Assert.Contains("rapport-console-test", profile.GetProperty("anonymousIds").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task Stream_EventAppendedAfterConnecting_ArrivesWithItsSequenceAsId()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "Before Connecting", "user-1");
        using var session = await ConsoleSession.SignInAsync(host);
        using var response = await OpenStreamAsync(session, $"datasets/{dataset.Id}/events/stream");
        await using var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ready", (await stream.NextAsync()).EventType);

        await Track(host, dataset, "Signed Up", "user-7");

        var (id, e) = await stream.NextEventAsync();
        Assert.Equal("Signed Up", e.GetProperty("name").GetString());
        Assert.Equal("user-7", e.GetProperty("userId").GetString());
        Assert.Equal(e.GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), id);
    }

    [Fact]
    public async Task Stream_LastEventId_ResumesAfterItWithoutRepeating()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "First", "user-1");
        await Track(host, dataset, "Second", "user-1");
        using var session = await ConsoleSession.SignInAsync(host);
        var page = await session.GetPageAsync($"datasets/{dataset.Id}/events");
        var first = page.QuerySelectorAll("[data-testid=event-row]").Single(r => r.QuerySelector(".event-name")!.TextContent == "First").GetAttribute("data-sequence")!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"datasets/{dataset.Id}/events/stream");
        request.Headers.Add("Last-Event-ID", first);
        using var response = await SendStreamAsync(session, request);
        await using var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        // Everything after the id arrives before the first "processed" item; nothing before it.
        var names = new List<string?>();
        for (var item = await stream.NextAsync(); item.EventType != "processed"; item = await stream.NextAsync())
        {
            if (item.EventType == SseParser.EventTypeDefault)
            {
                names.Add(System.Text.Json.JsonDocument.Parse(item.Data).RootElement.GetProperty("name").GetString());
            }
        }
        Assert.Equal(["Second"], names);
    }

    [Fact]
    public async Task Stream_NameFilter_LeavesOtherEventsOut()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        using var response = await OpenStreamAsync(session, $"datasets/{dataset.Id}/events/stream?name=Wanted");
        await using var stream = new EventStreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ready", (await stream.NextAsync()).EventType);

        await Track(host, dataset, "Unwanted", "user-1");
        await Track(host, dataset, "Wanted", "user-1");

        var (_, e) = await stream.NextEventAsync();
        Assert.Equal("Wanted", e.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Stream_SignedOut_IsRefusedWithoutData()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await Track(host, dataset, "Secret", "user-1");
        using var session = ConsoleSession.Anonymous(host);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"datasets/{dataset.Id}/events/stream?after=0");
        using var response = await SendStreamAsync(session, request);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized });
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UnknownDataset_Is404Problem()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        using var session = await ConsoleSession.SignInAsync(host);

        using var response = await session.Client.GetAsync("datasets/ds_missing/events/stream", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task Track(RapportTestHost host, TestDataset dataset, string name, string userId)
        => await host.SendOkAsync("/v1/track", $$"""{"userId":"{{userId}}","event":"{{name}}"}""", dataset);

    private static Task<HttpResponseMessage> OpenStreamAsync(ConsoleSession session, string path)
        => SendStreamAsync(session, new HttpRequestMessage(HttpMethod.Get, path));

    private static async Task<HttpResponseMessage> SendStreamAsync(ConsoleSession session, HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await session.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        }
        return response;
    }
}

public sealed class EventStreamSqliteTests(SqliteHostFixture fixture) : EventStreamTests<SqliteHostFixture>(fixture);

public sealed class EventStreamPostgresTests(PostgresHostFixture fixture) : EventStreamTests<PostgresHostFixture>(fixture);
