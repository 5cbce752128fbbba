using System.Text.Json;
using Microsoft.Playwright;
using Rapport.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Browser.Tests.Console;

/// <summary>
/// Every console page on a phone (375 px) and a wide screen (1920 px): the page never scrolls
/// sideways (wide tables scroll inside their own box), the navigation is on screen, and every
/// form control has a label. The dataset is filled through the APIs first (a profile with long
/// names, an account, a Salesforce connection and a finished run), so pages show real content
/// rather than their empty states. Each page is screenshotted at both widths.
/// </summary>
public sealed class ConsoleLayoutTests(RapportBrowserFixture rapport)
{
    private static readonly int[] Widths = [375, 1920];

    // Long, unbroken values are where layouts break: ids, emails, company names as customers have them.
    private const string UserId = "auth0|6541f3c2a9b8e7d6c5b4a3f2e1d0c9b8";
    private const string GroupId = "acct-0042-konstantinopoulou-whitfield";

    [Fact]
    public async Task EveryConsolePage_At375And1920Pixels_FitsTheWidthWithNavigationAndLabels()
    {
        var (dataset, runId) = await FilledDatasetAsync();
        var root = $"datasets/{dataset.Id}";
        await using var browser = await rapport.OpenSessionAsync();

        // Every page is checked before failing, so one run names all the pages that need fixing.
        var problems = new List<string>();
        await CheckAsync(browser, "sign-in", "sign-in", console: false, problems);
        await browser.SubmitSignInAsync();
        var pages = new (string Name, string Path)[]
        {
            ("datasets", ""),
            ("overview", root),
            ("event-stream", $"{root}/events"),
            ("profiles", $"{root}/profiles"),
            ("profile", $"{root}/profiles/{Uri.EscapeDataString(UserId)}"),
            ("accounts", $"{root}/accounts"),
            ("account", $"{root}/accounts/{Uri.EscapeDataString(GroupId)}"),
            ("snippet", $"{root}/snippet"),
            ("salesforce-setup", $"{root}/salesforce/setup"),
            ("salesforce-pull", $"{root}/salesforce/pull"),
            ("salesforce-push", $"{root}/salesforce/push"),
            ("salesforce-activities", $"{root}/salesforce/activities"),
            ("sync-history", $"{root}/salesforce/history"),
            ("sync-run", $"{root}/salesforce/history/{runId}"),
        };
        foreach (var (name, path) in pages)
        {
            await CheckAsync(browser, name, path, console: true, problems);
        }
        // Mistyped addresses get a readable page inside the console too, not a bare error.
        await CheckAsync(browser, "no-such-dataset", "datasets/no-such-dataset/profiles", console: true, problems, status: 404);
        await CheckAsync(browser, "no-such-page", "no-such-page", console: true, problems, status: 404);
        await CheckAsync(browser, "sign-out", "sign-out", console: false, problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Opens <paramref name="path"/> at each width and adds to <paramref name="problems"/> where the page does not fit, hides its navigation or leaves a control unlabelled.</summary>
    private async Task CheckAsync(BrowserSession browser, string name, string path, bool console, List<string> problems, int status = 200)
    {
        var page = browser.Page;
        await page.SetViewportSizeAsync(Widths[0], 800);
        var response = await page.GotoAsync(rapport.ConsoleUrl(path).ToString());
        Assert.True(response?.Status == status, $"{name}: GET /{path} answered {response?.Status}, not {status}");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.False(new Uri(page.Url).AbsolutePath == "/sign-in" && name != "sign-in", $"{name}: the console asked to sign in again");
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, width < 1000 ? 800 : 1080);
            await browser.StepAsync($"{name}-{width}");
            var layout = await page.EvaluateAsync<JsonElement>(MeasureScript);
            var scrollWidth = layout.GetProperty("scrollWidth").GetInt32();
            if (scrollWidth > width)
            {
                problems.Add($"{name} at {width} px scrolls sideways: the page is {scrollWidth} px wide; too wide: {layout.GetProperty("tooWide")}");
            }
            if (layout.GetProperty("squeezed").GetArrayLength() > 0)
            {
                problems.Add($"{name} at {width} px squeezes text into a column too narrow to read: {layout.GetProperty("squeezed")}");
            }
            if (layout.GetProperty("unlabelled").GetArrayLength() > 0)
            {
                problems.Add($"{name}: form controls without a label: {layout.GetProperty("unlabelled")}");
            }
            if (console)
            {
                if (layout.GetProperty("navOffScreen").GetArrayLength() > 0)
                {
                    problems.Add($"{name} at {width} px: navigation links not on the screen: {layout.GetProperty("navOffScreen")}");
                }
                var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
                await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Datasets", Exact = true })).ToBeInViewportAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync();
            }
        }
    }

    // Elements sticking out on the right are listed unless a scrolling box (a table wrapper) contains them.
    private const string MeasureScript = """
        () => {
          const width = window.innerWidth;
          const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          const scrolls = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
          const tooWide = [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrolls(e) && !e.closest('.visually-hidden'))
            .slice(0, 8).map(e => describe(e) + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
          const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) && getComputedStyle(e).visibility !== 'hidden';
          const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
            .map(describe);
          const navOffScreen = [...document.querySelectorAll('nav[aria-label="Console"] a')]
            .filter(a => { const r = a.getBoundingClientRect(); return !visible(a) || r.left < 0 || r.right > width + 0.5; })
            .map(a => a.textContent.trim());
          // A column so narrow that ordinary words break letter by letter ("cr/m_/up/da/te"); a long
          // URL breaking inside a reasonably wide column is fine.
          const canvas = document.createElement('canvas').getContext('2d');
          const squeezed = [...document.querySelectorAll('td, dd, .badge')]
            .filter(e => visible(e) && !e.querySelector('input, select, textarea, pre, table'))
            .filter(e => {
              const style = getComputedStyle(e);
              const inner = e.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              if (inner >= 8 * parseFloat(style.fontSize)) return false;
              canvas.font = style.font;
              return e.innerText.split(/[\s\-]+/).some(w => canvas.measureText(w).width > inner + 3);
            })
            .slice(0, 8).map(e => describe(e) + ' "' + e.innerText.trim().slice(0, 30) + '" ' + Math.round(e.getBoundingClientRect().width) + 'px');
          return { scrollWidth: document.scrollingElement.scrollWidth, tooWide, unlabelled, navOffScreen, squeezed };
        }
        """;

    /// <summary>
    /// A dataset with a known person (long id, email and company name), their account and events,
    /// connected to the emulator as the integration user, with one finished synchronization.
    /// </summary>
    private async Task<(TestDataset Dataset, long RunId)> FilledDatasetAsync()
    {
        var dataset = await rapport.CreateDatasetAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var email = $"alexandra.konstantinopoulou-whitfield.{suffix}@example-manufacturing.com";
        const string company = "Konstantinopoulou & Whitfield Industrial Holdings International";
        await rapport.EmulatorAsync(HttpMethod.Post, "__emulator/records/Contact",
            new { FirstName = "Alexandra", LastName = "Konstantinopoulou-Whitfield", Email = email, Title = "Senior Director of Marketing Operations, EMEA" });
        await rapport.TrackAsync(dataset, "v1/identify", new
        {
            userId = UserId,
            traits = new { email, name = "Alexandra Konstantinopoulou-Whitfield", plan = "enterprise", referrer = "https://www.example-partner-network.com/campaigns/spring-launch-2025/landing-page-variant-b?utm_source=newsletter" },
        });
        await rapport.TrackAsync(dataset, "v1/group", new { userId = UserId, groupId = GroupId, traits = new { name = company, industry = "Manufacturing" } });
        await rapport.TrackAsync(dataset, "v1/track", new
        {
            userId = UserId, @event = "Quarterly Business Review Checklist Completed",
            properties = new { checklist = "qbr-preparation-for-enterprise-accounts-with-multiple-subsidiaries", steps = 12 },
        });
        await rapport.TrackAsync(dataset, "v1/page", new { userId = UserId, name = "Settings › Integrations › Salesforce › Field mappings" });
        await rapport.WaitForProcessingAsync(dataset);

        var connection = $"api/datasets/{dataset.Id}/connections/salesforce";
        await rapport.AdminAsync(HttpMethod.Put, connection,
            new { consumerKey = rapport.ConnectedApp.ConsumerKey, consumerSecret = rapport.ConnectedApp.ConsumerSecret, loginHost = rapport.EmulatorUrl.ToString() });
        await rapport.AdminAsync(HttpMethod.Post, $"{connection}/password-login",
            new { username = rapport.EmulatorUser.Username, password = rapport.EmulatorUser.Password, securityToken = rapport.EmulatorUser.SecurityToken });
        await rapport.AdminAsync(HttpMethod.Put, $"{connection}/sync-settings", new
        {
            pull = new
            {
                recordTypes = new object[]
                {
                    new { objectType = "Contact", kind = "Contact", enabled = true, mappings = new[] { new { field = "Title", attribute = "title" } } },
                    new { objectType = "Account", kind = "Account", enabled = true, mappings = new[] { new { field = "Name", attribute = "name" } } },
                },
            },
            push = new { userFields = new object[] { new { name = "plan", source = "Attribute" } } },
            schedule = new { nightlyEnabled = false, intervalEnabled = false },
        });
        var started = await rapport.AdminAsync(HttpMethod.Post, $"{connection}/sync");
        var location = started.GetProperty("location").GetString()!;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await rapport.GetJsonAsync(location);
            if (run.GetProperty("status").GetString() != "Running")
            {
                return (dataset, run.GetProperty("id").GetInt64());
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the synchronization was still running after 60 s: {run}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
