using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Sdk;

/// <summary>
/// The browser snippet end to end: the real stub and /sdk/rapport.js run in Node's browser shim
/// against Rapport on Kestrel; the assertions read what Rapport stored and built.
/// </summary>
public sealed partial class BrowserSnippetTests(SdkServer server) : IClassFixture<SdkServer>
{
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static string? Name(JsonElement e) => e.GetProperty("name").GetString();

    [Fact]
    public async Task Stub_CallsBeforeScriptLoads_ArriveInOrderWithPageContext()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("preload", server, dataset.WriteKey);

        // load + page from the stub, then the page's three calls, all waiting in the stub's array.
        Assert.Equal(5, page.GetProperty("queuedBeforeLoad").GetInt32());
        var anonymousId = page.GetProperty("anonymousId").GetString()!;
        Assert.Matches(UuidV4(), anonymousId);
        var events = await server.EventsAsync(dataset, anonymousId);
        Assert.Equal(["page", "track", "track", "track"], events.Select(Type));
        Assert.Equal(["First", "Second", "Third"], events.Skip(1).Select(Name));
        var message = events[0].GetProperty("message");
        Assert.Equal(anonymousId, message.GetProperty("anonymousId").GetString());
        var context = message.GetProperty("context");
        Assert.Equal("rapport.js", context.GetProperty("library").GetProperty("name").GetString());
        Assert.Equal("en-GB", context.GetProperty("locale").GetString());
        Assert.False(string.IsNullOrEmpty(context.GetProperty("timezone").GetString()));
        Assert.Contains("rapport-harness", context.GetProperty("userAgent").GetString(), StringComparison.Ordinal);
        var properties = message.GetProperty("properties");
        Assert.Equal("http://shop.test/products?sort=price", properties.GetProperty("url").GetString());
        Assert.Equal("/products", properties.GetProperty("path").GetString());
        Assert.Equal("?sort=price", properties.GetProperty("search").GetString());
        Assert.Equal("Products", properties.GetProperty("title").GetString());
        Assert.Equal("https://search.test/", properties.GetProperty("referrer").GetString());
        Assert.Equal("/products", context.GetProperty("page").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Stub_AnonymousId_KeptInFirstPartyCookieForAYear()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("preload", server, dataset.WriteKey);

        var cookie = page.GetProperty("cookie");
        Assert.Equal(page.GetProperty("anonymousId").GetString(), cookie.GetProperty("value").GetString());
        var attributes = cookie.GetProperty("attributes");
        Assert.Equal("31536000", attributes.GetProperty("max-age").GetString());
        Assert.Equal("Lax", attributes.GetProperty("samesite").GetString());
        Assert.Equal("/", attributes.GetProperty("path").GetString());
        Assert.False(attributes.TryGetProperty("secure", out _), "an http page cannot keep a Secure cookie");
        Assert.Equal(page.GetProperty("anonymousId").GetString(), page.GetProperty("storedAnonymousId").GetString());
    }

    [Fact]
    public async Task Identify_AfterAnonymousPageViews_MergesIntoOneProfileThatSurvivesReload()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("identify", server, dataset.WriteKey);

        var anonymousId = page.GetProperty("anonymousId").GetString()!;
        Assert.Equal(anonymousId, page.GetProperty("anonymousIdAfterReload").GetString());
        Assert.Equal("user-42", page.GetProperty("userIdAfterReload").GetString());
        await server.WaitForProcessingAsync(dataset.Id);
        var profile = await server.GetJsonAsync($"api/datasets/{dataset.Id}/profiles/user-42");
        Assert.Equal([anonymousId], profile.GetProperty("anonymousIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ada@example.com", profile.GetProperty("attributes").GetProperty("email").GetProperty("value").GetString());
        var counts = profile.GetProperty("kpis").GetProperty("eventCounts");
        Assert.Equal(3, counts.GetProperty("page").GetInt64()); // two before identify, one after the reload
        Assert.Equal(1, counts.GetProperty("Returned").GetInt64());
        var returned = Assert.Single(await server.EventsAsync(dataset, "user-42"), e => Name(e) == "Returned");
        Assert.Equal("user-42", returned.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Batching_CallsCloseTogether_SentInOneRequestAndTwentyAtOnce()
    {
        var dataset = await server.CreateDatasetAsync();

        await NodeBrowser.RunAsync("batching", server, dataset.WriteKey);

        // The stub's page view and five tracks in one request; then 25 tracks: 20 at once, 5 on the timer.
        var requests = server.Traffic.For(dataset.WriteKey);
        Assert.Equal([6, 20, 5], requests.Select(r => r.MessageIds.Count));
        Assert.All(requests, r => Assert.Equal("/v1/batch", r.Path));
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        Assert.Equal(31, (await server.EventsAsync(dataset)).Count);
    }

    [Fact]
    public async Task Retry_ServerAnswers503AfterStoring_RetriedAndStoredOnce()
    {
        var dataset = await server.CreateDatasetAsync();
        server.Traffic.FailAfterStoring(dataset.WriteKey, 1);

        var page = await NodeBrowser.RunAsync("retry", server, dataset.WriteKey);

        var requests = server.Traffic.For(dataset.WriteKey);
        Assert.Equal([503, 200], requests.Select(r => r.Status));
        Assert.Equal(requests[0].MessageIds, requests[1].MessageIds);
        var events = await server.EventsAsync(dataset);
        Assert.Equal(["page", "track"], events.Select(Type));
        Assert.Equal("Order Completed", Name(events[1]));
        Assert.Empty(page.GetProperty("console").EnumerateArray());
    }

    [Fact]
    public async Task Offline_CallsWaitForConnectionAndSurviveReload_DeliveredOnce()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("offline", server, dataset.WriteKey);

        Assert.Equal(0, page.GetProperty("requestsWhileOffline").GetInt32());
        Assert.Equal(2, page.GetProperty("queuedWhileOffline").GetInt32());
        Assert.Equal(1, page.GetProperty("queuedAfterLeaving").GetInt32());
        var events = await server.EventsAsync(dataset, page.GetProperty("anonymousId").GetString());
        Assert.Single(events, e => Name(e) == "Offline A");
        Assert.Single(events, e => Name(e) == "Offline B");
        Assert.Equal(2, events.Count(e => Type(e) == "page"));
    }

    [Fact]
    public async Task Beacon_PageLeftRightAfterCall_DeliveredAsTextPlainBeacon()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("beacon", server, dataset.WriteKey);

        var beacon = Assert.Single(page.GetProperty("beacons").EnumerateArray());
        Assert.Equal("text/plain", beacon.GetProperty("type").GetString());
        Assert.Equal(1, beacon.GetProperty("messages").GetInt32());
        Assert.Equal(0, page.GetProperty("queuedAfterLeaving").GetInt32());
        Assert.Equal("text/plain", server.Traffic.For(dataset.WriteKey)[^1].ContentType);
        var events = await server.EventsAsync(dataset, page.GetProperty("anonymousId").GetString());
        Assert.Single(events, e => Name(e) == "Link Clicked");
    }

    [Fact]
    public async Task GroupAndReset_OnHttps_AccountLinkedAndNextVisitorAnonymous()
    {
        var dataset = await server.CreateDatasetAsync();

        var page = await NodeBrowser.RunAsync("accountAndReset", server, dataset.WriteKey);

        var before = page.GetProperty("before");
        Assert.True(before.GetProperty("cookie").GetProperty("attributes").GetProperty("secure").GetBoolean());
        var newAnonymousId = page.GetProperty("anonymousIdAfterReset").GetString()!;
        Assert.NotEqual(before.GetProperty("anonymousId").GetString(), newAnonymousId);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("userIdAfterReset").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("userCookieAfterReset").ValueKind);
        await server.WaitForProcessingAsync(dataset.Id);
        var account = await server.GetJsonAsync($"api/datasets/{dataset.Id}/accounts/acme");
        Assert.Equal("Acme Corp", account.GetProperty("name").GetString());
        Assert.Equal("user-7", Assert.Single(account.GetProperty("members").EnumerateArray()).GetProperty("userId").GetString());
        var visit = Assert.Single(await server.EventsAsync(dataset, newAnonymousId));
        Assert.Equal("Signed Out Visit", Name(visit));
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("userId").ValueKind);
    }

    [Fact]
    public async Task UnknownWriteKey_Refused_DroppedNotRetriedAndReportedOnce()
    {
        var writeKey = "not-a-key-" + Guid.NewGuid().ToString("N");

        var page = await NodeBrowser.RunAsync("refused", server, writeKey);

        Assert.Equal([401, 401], server.Traffic.For(writeKey).Select(r => r.Status));
        var warning = Assert.Single(page.GetProperty("console").EnumerateArray());
        Assert.Contains("401", warning.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, page.GetProperty("queued").GetInt32());
    }
}
