using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Browser.Tests.Support;
using Rapport.Server.Console.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Browser.Tests.Console;

/// <summary>
/// The Activities and Push pages' previews follow what the admin types, in Chromium: activities.js
/// asks the server to render the templates from a real event, push.js names the fields itself.
/// </summary>
public sealed class LivePreviewBrowserTests(RapportBrowserFixture rapport)
{
    private const string Password = "live preview password 7";

    [Fact]
    public async Task ActivitiesPage_TypingATemplate_PreviewsItFromTheLatestEventAndFlagsErrorsAtTheField()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await TrackAsync(dataset, "v1/track", new { userId = "ada", @event = "flow_completed", properties = new { flowName = "Welcome tour" } });
        await using var browser = await SignedInAsync();
        var page = browser.Page;
        await browser.GotoAsync(new Uri(rapport.RapportUrl, $"datasets/{dataset.Id}/salesforce/activities"), "activities");

        var rule = page.Locator("[data-activity-rule]").Filter(new() { Has = page.Locator("input[data-template=event][value=flow_completed]") });
        var subject = rule.GetByLabel("Subject template");
        var preview = rule.Locator("[data-testid=activity-preview-subject]");
        await Expect(preview).ToHaveTextAsync("Flow Completed - Welcome tour");

        await subject.FillAsync("Done: {{ flow_name | string.upcase }}");
        await Expect(preview).ToHaveTextAsync("Done: WELCOME TOUR");
        await browser.StepAsync("subject-previewed");

        await subject.FillAsync("Done: {{ flow_name ");
        var message = rule.Locator(".field:has([data-template=subject]) .validation-message");
        await Expect(message).ToContainTextAsync("The subject template does not parse");
        await Expect(subject).ToHaveAttributeAsync("aria-invalid", "true");
        await browser.StepAsync("subject-error");

        await subject.FillAsync("Tour done: {{ flow_name }}");
        await Expect(preview).ToHaveTextAsync("Tour done: Welcome tour");
        await Expect(message).ToHaveCountAsync(0);
        await Expect(subject).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // A new rule, typed from the keyboard, previews once it names an event.
        var newRule = page.Locator("[data-testid=activity-new-rule]");
        await newRule.GetByLabel("Event name").FillAsync("flow_completed");
        await newRule.GetByLabel("Subject template").FocusAsync();
        await page.Keyboard.TypeAsync("New: {{ flow_name }}");
        await Expect(newRule.Locator("[data-testid=activity-preview-subject]")).ToHaveTextAsync("New: Welcome tour");
        await browser.StepAsync("new-rule-previewed");
    }

    [Fact]
    public async Task PushPage_ChangingInfixAndAttributes_RenamesTheFieldsAsTheServerDoes()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await TrackAsync(dataset, "v1/identify", new { userId = "u-1", traits = new { plan = "pro" } });
        await rapport.WaitForEventsAsync(dataset, "u-1", events => events.Count > 0, "the identify call");
        await using var browser = await SignedInAsync();
        var page = browser.Page;
        await browser.GotoAsync(new Uri(rapport.RapportUrl, $"datasets/{dataset.Id}/salesforce/push"), "push");
        var names = page.Locator("#push-preview [data-testid=push-preview-field] code");
        await Expect(page.Locator("#push-preview-empty")).ToBeVisibleAsync();

        await page.Locator("#push-user-attr-plan").CheckAsync();
        await Expect(names).ToHaveTextAsync(["Rapport_Plan__c"]);

        var infix = page.GetByLabel("Dataset-specific field infix (optional)");
        await infix.FillAsync("Web");
        await Expect(names).ToHaveTextAsync(["Rapport_Web_Plan__c"]);

        await infix.FillAsync("9 lives");
        var infixMessage = page.Locator(".field:has(#push-infix) .validation-message");
        await Expect(infixMessage).ToContainTextAsync("The infix becomes part of Salesforce field names");
        await Expect(infix).ToHaveAttributeAsync("aria-invalid", "true");

        await infix.FillAsync("EU");
        await Expect(infixMessage).ToHaveCountAsync(0);
        await page.Locator("#push-account-kpi-lastSeen").CheckAsync();
        await page.Locator("#push-user-new-attribute").FillAsync("favourite colour");
        string[] expected = ["Rapport_EU_Plan__c", "Rapport_EU_Favourite_Colour__c", "Rapport_EU_LastSeen__c"];
        await Expect(names).ToHaveTextAsync(expected);
        await browser.StepAsync("names-previewed");

        await page.Locator("#push-user-attr-plan").UncheckAsync();
        await page.Locator("#push-account-kpi-lastSeen").UncheckAsync();
        await page.Locator("#push-user-new-attribute").FillAsync("");
        await Expect(page.Locator("#push-preview-empty")).ToBeVisibleAsync();

        // The server's preview (the button without the script) names them the same way.
        await page.Locator("#push-user-attr-plan").CheckAsync();
        await page.Locator("#push-account-kpi-lastSeen").CheckAsync();
        await page.Locator("#push-user-new-attribute").FillAsync("favourite colour");
        await Expect(names).ToHaveTextAsync(expected);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview field names" }).ClickAsync();
        await Expect(page.Locator("[data-push-preview-body]")).ToContainTextAsync("not saved yet");
        var fromServer = await names.AllTextContentsAsync();
        Assert.Equal(expected.Order(), fromServer.Order());
        await browser.StepAsync("server-preview");
    }

    // A console account of this test's own, signed in through the form as a person would.
    private async Task<BrowserSession> SignedInAsync()
    {
        var userName = "live-" + Guid.NewGuid().ToString("N")[..8];
        await rapport.RapportServices.GetRequiredService<AdminAccounts>().CreateAsync(userName, Password, TestContext.Current.CancellationToken);
        var browser = await rapport.OpenSessionAsync();
        await browser.GotoAsync(new Uri(rapport.RapportUrl, "sign-in"), "sign-in");
        await browser.Page.GetByLabel("User name").FillAsync(userName);
        await browser.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await browser.Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
        return browser;
    }

    private async Task TrackAsync(TestDataset dataset, string path, object body)
    {
        using var client = new HttpClient { BaseAddress = rapport.RapportUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(dataset.WriteKey + ":")));
        using var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} answered {(int)response.StatusCode}");
    }
}
