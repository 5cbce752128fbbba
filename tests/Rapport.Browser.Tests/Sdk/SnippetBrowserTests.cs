using System.Text.Json;
using Microsoft.Playwright;
using Rapport.Browser.Tests.Support;

namespace Rapport.Browser.Tests.Sdk;

/// <summary>
/// The paste-in snippet and <c>/sdk/rapport.js</c> in real Chromium, on a customer site of its own
/// origin, against Rapport on Kestrel. Assertions read what Rapport stored and built.
/// </summary>
public sealed class SnippetBrowserTests(RapportBrowserFixture rapport)
{
    private const string AnonymousIdCookie = "rapport_anonymous_id";

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static string? Name(JsonElement e) => e.GetProperty("name").GetString();

    private static bool Has(IReadOnlyList<JsonElement> events, string type, string? name = null)
        => events.Any(e => Type(e) == type && (name is null || Name(e) == name));

    private static string Attribute(JsonElement profile, string name)
        => profile.GetProperty("attributes").GetProperty(name).GetProperty("value").GetString()!;

    [Fact]
    public async Task Snippet_CallsMadeBeforeScriptLoads_AreDeliveredInOrder()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();
        // Hold the script back, so the page's calls can only land in the stub's queue.
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await browser.Page.RouteAsync("**/sdk/rapport.js", route => held.TrySetResult(route));

        await browser.GotoAsync(rapport.Site.PageUrl(dataset.WriteKey, "Pricing"), "script-held", WaitUntilState.DOMContentLoaded);
        await browser.Page.EvaluateAsync("""
            () => {
              rapport.track('Plan Compared', { plan: 'pro' });
              rapport.identify('early-bird', { email: 'early@example.com' });
            }
            """);
        var route = await held.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => Array.isArray(window.rapport)"),
            "the script ran before it was released, so the calls were not queued");
        await route.ContinueAsync();
        await browser.Page.WaitForLoadStateAsync(LoadState.Load);

        var events = await rapport.WaitForEventsAsync(dataset, "early-bird", e => e.Count >= 3, "the page view, track and identify");
        Assert.Equal(["page", "track", "identify"], events.Select(Type));
        Assert.Equal("Pricing", events[0].GetProperty("message").GetProperty("properties").GetProperty("title").GetString());
        Assert.Equal("Plan Compared", Name(events[1]));
        Assert.Equal("pro", events[1].GetProperty("message").GetProperty("properties").GetProperty("plan").GetString());
        var profile = await rapport.ProfileAsync(dataset, "early-bird");
        Assert.Equal("early@example.com", Attribute(profile, "email"));
        await browser.StepAsync("delivered");
    }

    [Fact]
    public async Task Snippet_IdentifyTrackPageGroup_ShowUpInProfileAndAccount()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();

        await browser.GotoAsync(rapport.Site.PageUrl(dataset.WriteKey, "Settings"), "settings");
        await browser.Page.EvaluateAsync("""
            () => {
              rapport.identify('grace', { email: 'grace@example.com', plan: 'enterprise' });
              rapport.track('Report Exported', { format: 'csv' });
              rapport.page('Billing', { section: 'invoices' });
              rapport.group('acme', { name: 'Acme Corp', industry: 'Manufacturing' });
            }
            """);

        var events = await rapport.WaitForEventsAsync(dataset, "grace",
            e => Has(e, "identify") && Has(e, "track", "Report Exported") && Has(e, "page", "Billing") && Has(e, "group"),
            "identify, track, page and group");
        var profile = await rapport.ProfileAsync(dataset, "grace");
        Assert.Equal("grace@example.com", Attribute(profile, "email"));
        Assert.Equal("enterprise", Attribute(profile, "plan"));
        var account = Assert.Single(profile.GetProperty("accounts").EnumerateArray());
        Assert.Equal("acme", account.GetProperty("groupId").GetString());
        Assert.Equal("Acme Corp", account.GetProperty("name").GetString());
        var acme = await rapport.GetJsonAsync($"api/datasets/{dataset.Id}/accounts/acme");
        Assert.Equal("Manufacturing", Attribute(acme, "industry"));
        var billing = events.Single(e => Type(e) == "page" && Name(e) == "Billing").GetProperty("message").GetProperty("properties");
        Assert.Equal("invoices", billing.GetProperty("section").GetString());
        Assert.EndsWith("/Settings", billing.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippet_AnonymousIdAcrossReload_KeptInCookieAndMergedOnIdentify()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();

        await browser.GotoAsync(rapport.Site.PageUrl(dataset.WriteKey, "Home"), "first-visit");
        var anonymousId = await AnonymousIdCookieAsync(browser);
        await browser.Page.EvaluateAsync("() => rapport.track('Hero Clicked')");
        await browser.Page.ReloadAsync();
        await browser.StepAsync("reloaded");
        Assert.Equal(anonymousId, await AnonymousIdCookieAsync(browser));
        await browser.Page.EvaluateAsync("""
            () => {
              rapport.track('Signup Started');
              rapport.identify('linus', { email: 'linus@example.com' });
            }
            """);

        var events = await rapport.WaitForEventsAsync(dataset, "linus",
            e => e.Count(x => Type(x) == "page") == 2 && Has(e, "track", "Hero Clicked") && Has(e, "track", "Signup Started") && Has(e, "identify"),
            "two page views, both tracks and the identify");
        var profile = await rapport.ProfileAsync(dataset, "linus");
        Assert.Equal([anonymousId], profile.GetProperty("anonymousIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("linus@example.com", Attribute(profile, "email"));
        // The anonymous events before the reload now belong to linus.
        var before = events.Single(e => Name(e) == "Hero Clicked");
        Assert.Equal(anonymousId, before.GetProperty("anonymousId").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("userId").ValueKind);
    }

    [Fact]
    public async Task Snippet_EventQueuedWhenLeavingPage_DeliveredByBeacon()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();
        await browser.GotoAsync(rapport.Site.PageUrl(dataset.WriteKey, "Checkout"), "checkout");
        var anonymousId = await AnonymousIdCookieAsync(browser);
        // Loaded and flushed: the page view is stored, so what follows goes through the script's own queue.
        await rapport.WaitForEventsAsync(dataset, anonymousId, e => Has(e, "page"), "the page view");

        // Track and leave in one task for about:blank, which commits at once without a server to wait
        // for: the one-second flush timer cannot run before the page is gone (leaving for a server page
        // kept this page alive until that server answered, which on a loaded machine took more than a
        // second, and the timer's fetch won), and no snippet loads there to send the queue later.
        const string elsewhere = "about:blank";
        var left = browser.Page.WaitForURLAsync(elsewhere, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await browser.Page.EvaluateAsync("""
            url => {
              rapport.track('Checkout Abandoned', { items: 3 });
              location.assign(url);
            }
            """, elsewhere);
        await left;

        var events = await rapport.WaitForEventsAsync(dataset, anonymousId, e => Has(e, "track", "Checkout Abandoned"), "the abandoned checkout");
        Assert.Equal(3, events.Single(e => Name(e) == "Checkout Abandoned").GetProperty("message").GetProperty("properties").GetProperty("items").GetInt32());
        var delivery = Assert.Single(rapport.Tracking.Containing("Checkout Abandoned"));
        Assert.Equal("no-cors", delivery.FetchMode);
        Assert.Equal(200, delivery.StatusCode);
    }

    private static async Task<string> AnonymousIdCookieAsync(BrowserSession browser)
    {
        // The script writes the cookie when it loads; give it the moment it needs.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            var cookies = await browser.Context.CookiesAsync([browser.Page.Url]);
            if (cookies.FirstOrDefault(c => c.Name == AnonymousIdCookie) is { } cookie)
            {
                Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
                Assert.True(cookie.Expires > DateTimeOffset.UtcNow.AddDays(360).ToUnixTimeSeconds(), "the anonymous id should be kept for a year");
                return Uri.UnescapeDataString(cookie.Value);
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No {AnonymousIdCookie} cookie on {browser.Page.Url}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
