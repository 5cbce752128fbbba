using Microsoft.Playwright;
using Rapport.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Browser.Tests.Console;

/// <summary>
/// Signing in to and out of the console in Chromium: the form as a person sees and types into it
/// (controls found by their labels), where it lands, and what a forged post gets.
/// </summary>
public sealed class SignInBrowserTests(RapportBrowserFixture rapport)
{
    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorNextToPasswordAndStaysSignedOut()
    {
        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;
        await browser.GotoAsync(rapport.ConsoleUrl("sign-in"), "sign-in");

        await browser.FillSignInAsync(password: "not the right password");

        var password = page.GetByLabel("Password", new() { Exact = true });
        var passwordField = page.Locator(".field").Filter(new() { Has = password });
        await Expect(passwordField.Locator(".validation-message")).ToHaveTextAsync("The user name or password is wrong.");
        await Expect(password).ToHaveValueAsync("");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync(RapportBrowserFixture.ConsoleUserName);
        await browser.StepAsync("wrong-password");
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => c.Name == "rapport.console");

        await browser.GotoAsync(rapport.ConsoleUrl(""), "still-signed-out");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task SignIn_FromALinkToAConsolePage_LandsOnThatPage()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;
        var profiles = rapport.ConsoleUrl($"datasets/{dataset.Id}/profiles");

        await browser.GotoAsync(profiles, "asked-to-sign-in");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        Assert.Contains("ReturnUrl=", new Uri(page.Url).Query, StringComparison.Ordinal);
        await browser.SubmitSignInAsync();

        await Expect(page).ToHaveURLAsync(profiles.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profiles", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".topbar-name")).ToHaveTextAsync(RapportBrowserFixture.ConsoleUserName);
        await browser.StepAsync("landed-on-profiles");
    }

    [Fact]
    public async Task SignOut_FromTheTopBar_ConsolePagesAskToSignInAgain()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;
        await browser.SignInAsync(rapport);
        var overview = rapport.ConsoleUrl($"datasets/{dataset.Id}");
        await browser.GotoAsync(overview, "overview");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await browser.StepAsync("signed-out");
        await browser.GotoAsync(overview, "overview-after-sign-out");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();

        // A mistyped address, signed out: a readable page that offers to sign in, and nothing about the installation.
        var missing = await page.GotoAsync(rapport.ConsoleUrl("datasetz").ToString());
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await browser.StepAsync("not-found-signed-out");
    }

    [Fact]
    public async Task SignIn_KeyboardOnly_TabsThroughLabelledControlsAndEnterSignsIn()
    {
        var dataset = await rapport.CreateDatasetAsync();
        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;
        var profiles = rapport.ConsoleUrl($"datasets/{dataset.Id}/profiles");
        await browser.GotoAsync(profiles, "sign-in");
        var userName = page.GetByLabel("User name");
        var password = page.GetByLabel("Password", new() { Exact = true });
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

        await Expect(userName).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(RapportBrowserFixture.ConsoleUserName);
        await page.Keyboard.PressAsync("Tab");
        await Expect(password).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(RapportBrowserFixture.ConsolePassword);
        await page.Keyboard.PressAsync("Tab");
        await Expect(submit).ToBeFocusedAsync();
        await browser.StepAsync("filled-by-keyboard");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profiles", Level = 1 })).ToBeVisibleAsync();
        // The first Tab offers to skip the navigation; Enter on it moves to this page's content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await browser.StepAsync("skip-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        Assert.Equal(profiles.AbsolutePath, new Uri(page.Url).AbsolutePath);
        // The next Tab continues in the content: the search box, found by its label.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Search profiles")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task CreateDatasetForm_PostedWithoutAntiforgeryToken_IsRefusedWithAReadablePage()
    {
        await using var browser = await rapport.OpenSessionAsync();
        var page = browser.Page;
        await browser.SignInAsync(rapport);
        var name = "Forged " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        // What a forged post from another page lacks: the token the console put into its own form.
        var removed = await page.EvaluateAsync<int>("""
            () => {
              const tokens = document.querySelectorAll('input[name="__RequestVerificationToken"]');
              tokens.forEach(t => t.remove());
              return tokens.length;
            }
            """);
        Assert.True(removed > 0, "the console's forms carry no antiforgery token");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create dataset" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This form has expired" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nothing was saved.")).ToBeVisibleAsync();
        await browser.StepAsync("form-expired");
        var datasets = await rapport.GetJsonAsync("api/datasets");
        Assert.DoesNotContain(datasets.EnumerateArray(), d => d.GetProperty("name").GetString() == name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the page again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Datasets", Level = 1 })).ToBeVisibleAsync();
    }
}
