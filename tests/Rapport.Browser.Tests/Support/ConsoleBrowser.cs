using Microsoft.Playwright;

namespace Rapport.Browser.Tests.Support;

/// <summary>What the console tests do in the browser again and again: open a console page, sign in.</summary>
public static class ConsoleBrowser
{
    /// <summary>The address of a console path such as <c>datasets/x/profiles</c>.</summary>
    public static Uri ConsoleUrl(this RapportBrowserFixture rapport, string path) => new(rapport.RapportUrl, path.TrimStart('/'));

    /// <summary>Fills the sign-in form the page shows (found by its labels, as a person reads it) and clicks Sign in.</summary>
    public static async Task FillSignInAsync(this BrowserSession browser, string userName = RapportBrowserFixture.ConsoleUserName,
        string password = RapportBrowserFixture.ConsolePassword)
    {
        var page = browser.Page;
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in with the test account on the sign-in page shown; returns once the browser has left it.</summary>
    public static async Task SubmitSignInAsync(this BrowserSession browser)
    {
        await browser.FillSignInAsync();
        await browser.Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Opens the sign-in page, signs in with the test account and lands on the datasets list.</summary>
    public static async Task SignInAsync(this BrowserSession browser, RapportBrowserFixture rapport)
    {
        await browser.GotoAsync(rapport.ConsoleUrl("sign-in"), "sign-in");
        await browser.SubmitSignInAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Datasets", Level = 1 })).ToBeVisibleAsync();
    }
}
