using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rapport.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Browser.Tests.Console;

/// <summary>
/// Issue 5's scenario as a marketing-operations admin does it, in Chromium, start to finish: sign
/// in, create a dataset, connect Salesforce (the emulator) through the OAuth round trip, map a
/// pulled field and a pushed attribute, synchronize, see the result on the profile and in
/// Salesforce, see a rejected record reported, and watch a test event arrive live. Each step
/// asserts what the person sees and leaves a screenshot. One test: every step needs the one before.
/// </summary>
public sealed partial class SalesforceWalkthroughTests(RapportBrowserFixture rapport)
{
    [Fact]
    public async Task Console_ConnectMapSynchronizeAndWatch_EveryStepShowsItsOutcome()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var userId = "walk-" + suffix;
        var email = $"dana.{suffix}@example.com";
        // A contact someone created in Salesforce, whose email the site's sign-in will also report.
        var contact = await rapport.EmulatorAsync(HttpMethod.Post, "__emulator/records/Contact",
            new { FirstName = "Dana", LastName = "Walker", Email = email, Title = "VP Marketing" });
        var contactId = contact.GetProperty("Id").GetString()!;

        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;

        // Sign in and create the dataset; the console goes straight to its snippet.
        await browser.GotoAsync(rapport.ConsoleUrl(""), "sign-in");
        await browser.SubmitSignInAsync();
        await Expect(Heading(page, "Datasets")).ToBeVisibleAsync();
        await browser.StepAsync("datasets");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Walkthrough " + suffix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create dataset" }).ClickAsync();
        await Expect(Heading(page, "Snippet & write keys")).ToBeVisibleAsync();
        var writeKey = await page.GetByLabel("Write key 1").InputValueAsync();
        var datasetId = DatasetIdIn(page.Url);
        var dataset = new TestDataset(datasetId, writeKey);
        await browser.StepAsync("snippet");

        // The customer's site, with that snippet, signs Dana in.
        await browser.GotoAsync(rapport.Site.PageUrl(writeKey, "Welcome"), "customer-site");
        await page.EvaluateAsync("([id, email]) => rapport.identify(id, { email, name: 'Dana Walker', plan: 'pro' })", new[] { userId, email });
        await rapport.WaitForEventsAsync(dataset, userId, e => e.Any(x => x.GetProperty("type").GetString() == "identify"), "the identify call");

        // Setup: not connected yet; fill in the connected app and establish the connection.
        await browser.GotoAsync(rapport.ConsoleUrl($"datasets/{datasetId}"), "overview");
        await Nav(page, "Setup").ClickAsync();
        await Expect(Heading(page, "Salesforce setup")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sf-state")).ToHaveTextAsync("Not connected");
        await Expect(page.GetByLabel("Callback URL")).ToHaveValueAsync(rapport.ConsoleUrl("oauth/salesforce/callback").ToString());
        await page.GetByLabel("Consumer key").FillAsync(rapport.ConnectedApp.ConsumerKey);
        await page.GetByLabel("Consumer secret").FillAsync(rapport.ConnectedApp.ConsumerSecret);
        await page.GetByLabel("Login host").FillAsync(rapport.EmulatorUrl.ToString());
        await browser.StepAsync("setup-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Establish connection" }).ClickAsync();

        // Salesforce's login and Allow page (the emulator's), then back to Rapport.
        await page.WaitForURLAsync(url => url.StartsWith(rapport.EmulatorUrl.ToString(), StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(rapport.EmulatorUser.Username);
        await page.GetByLabel("Password").FillAsync(rapport.EmulatorUser.Password);
        await browser.StepAsync("salesforce-login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(rapport.ConsoleUrl($"datasets/{datasetId}/salesforce/setup").ToString(), StringComparison.Ordinal));
        await Expect(page.GetByTestId("sf-notice")).ToContainTextAsync("Salesforce connected");
        await Expect(page.GetByTestId("sf-org")).ToHaveTextAsync(OrgId());
        await Expect(page.GetByTestId("sf-user")).ToHaveTextAsync(rapport.EmulatorUser.Username);
        await Expect(page.GetByTestId("sf-state")).ToHaveTextAsync("Paused");
        await Expect(page.GetByTestId("sf-remaining-calls")).ToHaveTextAsync(RemainingCalls());
        await browser.StepAsync("connected");

        // Pull: the Contact's Title into the profile attribute "title", chosen from Salesforce's own field list.
        await Nav(page, "Pull").ClickAsync();
        await Expect(Heading(page, "Salesforce: Pull")).ToBeVisibleAsync();
        var contacts = page.GetByRole(AriaRole.Region, new() { Name = "Contacts fields" });
        var newField = contacts.GetByRole(AriaRole.Group, new() { Name = "+ Pull new Salesforce field" });
        var fieldList = newField.GetByLabel("Salesforce field");
        await Expect(fieldList.Locator("option[value=Title]")).ToHaveTextAsync("Title (Title)");
        await fieldList.SelectOptionAsync(new SelectOptionValue { Value = "Title" });
        await newField.GetByLabel("Profile attribute").FillAsync("title");
        await browser.StepAsync("pull-mapping");
        await newField.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.GetByTestId("saved-notice")).ToBeVisibleAsync();
        var mapped = contacts.GetByTestId("pull-mapping-row").Filter(new() { Has = page.Locator("input[value=Title]") });
        await Expect(mapped.GetByLabel("Attribute receiving Title")).ToHaveValueAsync("title");
        await browser.StepAsync("pull-saved");

        // Push: Dana's plan goes to a field Rapport creates; the preview names it.
        await Nav(page, "Push").ClickAsync();
        await Expect(Heading(page, "Salesforce: Push")).ToBeVisibleAsync();
        var userColumn = page.GetByRole(AriaRole.Region, new() { Name = "User (Contact and Lead)" });
        await userColumn.GetByLabel("plan", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview field names" }).ClickAsync();
        var planField = page.Locator("[data-testid=push-preview-field][data-name=plan]");
        await Expect(planField.Locator("code")).ToHaveTextAsync("Rapport_Plan__c");
        await Expect(planField).ToContainTextAsync("new");
        await browser.StepAsync("push-preview");
        await page.Locator("#push-save").ClickAsync();
        await Expect(page.GetByTestId("saved-notice")).ToBeVisibleAsync();
        await Expect(planField.Locator("code")).ToHaveTextAsync("Rapport_Plan__c");
        await browser.StepAsync("push-saved");

        // Setup: the first synchronization, by hand while the connection is still paused (as the page advises).
        await Nav(page, "Setup").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Synchronize now" }).ClickAsync();
        await Expect(page.GetByTestId("sf-notice")).ToContainTextAsync("Synchronization started");
        await WaitForRunAsync(page);
        await Expect(page.GetByTestId("sf-last-sync-status")).ToHaveTextAsync("Success");
        await browser.StepAsync("synchronized");

        // History: the run, its counts, and its own page.
        await Nav(page, "Sync history").ClickAsync();
        var firstRun = page.GetByTestId("sf-run-row").First;
        await Expect(firstRun.GetByTestId("sf-run-status")).ToHaveTextAsync("Success");
        await Expect(firstRun.GetByTestId("sf-run-trigger")).ToHaveTextAsync("Synchronize now");
        await Expect(firstRun.GetByTestId("sf-run-counts").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Contact (pull)" }))
            .ToContainTextAsync("1 matched");
        await browser.StepAsync("history");
        await firstRun.GetByTestId("sf-run-link").ClickAsync();
        await Expect(page.GetByTestId("sf-run-summary").GetByTestId("sf-run-status")).ToHaveTextAsync("Success");
        await browser.StepAsync("run");

        // The profile: Title came from Salesforce, and the contact is linked.
        await Nav(page, "Profiles").ClickAsync();
        await page.GetByLabel("Search profiles").FillAsync(email);
        await page.GetByLabel("Search profiles").PressAsync("Enter");
        await Expect(page.GetByTestId("profile-results-count")).ToContainTextAsync($"1 profile matching \"{email}\"");
        await browser.StepAsync("profiles");
        await page.GetByTestId("profile-link").Filter(new() { HasText = "Dana Walker" }).ClickAsync();
        await Expect(Heading(page, "Unified Customer Profile")).ToBeVisibleAsync();
        var title = page.Locator("[data-testid=attribute-row][data-attribute=title]");
        await Expect(title.Locator("th")).ToHaveTextAsync("title (Salesforce)");
        await Expect(title.GetByTestId("attribute-value")).ToHaveTextAsync("VP Marketing");
        var record = page.Locator($"[data-testid=salesforce-record][data-record-id='{contactId}']");
        await Expect(record).ToContainTextAsync("Contact");
        await Expect(record.GetByRole(AriaRole.Link, new() { Name = "Open in Salesforce (new tab)" }))
            .ToHaveAttributeAsync("href", new Regex(Regex.Escape(contactId) + "$"));
        await browser.StepAsync("profile");

        // Salesforce has the pushed plan on the contact, in the field Rapport created.
        var pushed = await rapport.SalesforceRecordAsync("Contact", contactId);
        Assert.True(pushed.TryGetProperty("Rapport_Plan__c", out var plan), $"the contact has no Rapport_Plan__c: {pushed}");
        Assert.Equal("pro", plan.GetString());

        // Salesforce now refuses every record (row locks); Dana's plan changes and the next run reports the refusal.
        try
        {
            await rapport.EmulatorAsync(HttpMethod.Put, "__emulator/faults", new { recordLockRate = 1.0 });
            await rapport.TrackAsync(dataset, "v1/identify", new { userId, traits = new { plan = "enterprise" } });
            await rapport.WaitForProcessingAsync(dataset);
            await Nav(page, "Setup").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Synchronize now" }).ClickAsync();
            await Expect(page.GetByTestId("sf-notice")).ToContainTextAsync("Synchronization started");
            await WaitForRunAsync(page);
        }
        finally
        {
            await rapport.EmulatorAsync(HttpMethod.Delete, "__emulator/faults");
        }
        await Expect(page.GetByTestId("sf-last-sync-status")).ToHaveTextAsync("Success with errors");
        await browser.StepAsync("synchronized-with-errors");
        await page.GetByRole(AriaRole.Link, new() { Name = "show errors" }).ClickAsync();
        var error = page.GetByTestId("sf-error-row").Filter(new() { HasText = contactId });
        await Expect(error.GetByTestId("sf-error-code")).ToHaveTextAsync("UNABLE_TO_LOCK_ROW");
        await Expect(error.GetByTestId("sf-error-message")).ToContainTextAsync("unable to obtain exclusive access");
        await Expect(error.GetByTestId("sf-error-record").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex(Regex.Escape(contactId) + "$"));
        await browser.StepAsync("run-errors");
        await Nav(page, "Sync history").ClickAsync();
        await Expect(page.GetByTestId("sf-run-row").First.GetByTestId("sf-run-status")).ToHaveTextAsync("Success with errors");
        await page.GetByText(new Regex(@"^Errors of run #\d+")).First.ClickAsync();
        await Expect(page.GetByTestId("sf-error-code").First).ToHaveTextAsync("UNABLE_TO_LOCK_ROW");
        await browser.StepAsync("history-errors");

        // Unpause: scheduled synchronization from now on.
        await Nav(page, "Setup").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unpause" }).ClickAsync();
        await Expect(page.GetByTestId("sf-state")).ToHaveTextAsync("Active");
        await Expect(page.GetByTestId("sf-notice")).ToContainTextAsync("Connection active");
        await browser.StepAsync("active");

        // Event stream: Send test event, and it arrives live (no reload) and gets processed.
        await Nav(page, "Event stream").ClickAsync();
        await Expect(page.GetByTestId("event-stream-status")).ToHaveTextAsync(new Regex("^Live"));
        var shownAt = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await Expect(page.GetByTestId("send-test-event-sent")).ToContainTextAsync("Test event sent");
        // Rows built by the live stream carry "event-new"; rows rendered by the server never do.
        var arrived = page.Locator("tr.event-new[data-testid=event-row]").Filter(new() { HasText = "Rapport test event" });
        await Expect(arrived).ToHaveCountAsync(1);
        await Expect(arrived.Locator(".event-status")).ToHaveTextAsync("Processed");
        Assert.Equal(shownAt, page.Url);
        await browser.StepAsync("event-stream");
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    private static ILocator Nav(IPage page, string name)
        => page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static string DatasetIdIn(string url)
    {
        var segments = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(segments is ["datasets", _, ..], $"not a dataset page: {url}");
        return Uri.UnescapeDataString(segments[1]);
    }

    /// <summary>Reloads the Setup page (as a person would) until no run is in progress; a run takes seconds.</summary>
    private static async Task WaitForRunAsync(IPage page)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (await page.GetByTestId("sf-sync-running").CountAsync() > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the synchronization was still running after 60 s");
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }
    }

    [GeneratedRegex("^00D[0-9A-Za-z]{12,15}$")]
    private static partial Regex OrgId();

    [GeneratedRegex(@"^[\d,]+ of [\d,]+ today$")]
    private static partial Regex RemainingCalls();
}
