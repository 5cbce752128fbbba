using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>Console sign-in: cookie authentication, antiforgery, sign-out, safe return addresses.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConsolePage_SignedOut_RedirectsToSignInWithReturnUrl()
    {
        using var session = ConsoleSession.Anonymous(_host);
        using var response = await session.Client.GetAsync("", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2F", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_ShowsDatasetsWithUserName()
    {
        using var session = await ConsoleSession.SignInAsync(_host, "Maria");
        var page = await session.GetPageAsync("");
        Assert.Equal("Datasets", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Maria", page.QuerySelector(".topbar-name")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorNextToPasswordAndDoesNotEchoIt()
    {
        using var session = ConsoleSession.Anonymous(_host);
        using var response = await session.PostFormAsync("sign-in", "sign-in",
            new() { ["Input.UserName"] = "nobody", ["Input.Password"] = "guessed-password-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The user name or password is wrong.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-password-1", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("rapport.console=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_EmptyFields_ShowsAMessageForEachField()
    {
        using var session = ConsoleSession.Anonymous(_host);
        using var response = await session.PostFormAsync("sign-in", "sign-in", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        var page = await ConsoleSession.ParseAsync(response);
        var messages = page.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Enter your user name.", messages);
        Assert.Contains("Enter your password.", messages);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnAnotherSite_GoesHomeInstead()
    {
        const string password = "another long password";
        await _host.Services.GetRequiredService<Rapport.Server.Console.Accounts.AdminAccounts>()
            .CreateAsync("redirect-check", password, TestContext.Current.CancellationToken);
        using var session = ConsoleSession.Anonymous(_host);
        using var response = await session.PostFormAsync("sign-in?ReturnUrl=%2F%2Fevil.example%2F", "sign-in",
            new() { ["Input.UserName"] = "redirect-check", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_ThenConsolePage_RedirectsToSignIn()
    {
        using var session = await ConsoleSession.SignInAsync(_host);
        using var signOut = await session.PostFormAsync("", "sign-out", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await session.Client.GetAsync("", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/sign-in", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task CreateDatasetForm_WithoutAntiforgeryToken_IsRefused()
    {
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await session.Client.PostAsync("", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-dataset",
            ["Input.Name"] = "forged",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var datasets = await _host.GetJsonAsync("/api/datasets");
        Assert.DoesNotContain(datasets.EnumerateArray(), d => d.GetProperty("name").GetString() == "forged");
    }

    [Fact]
    public async Task CreateDatasetForm_Valid_CreatesDatasetAndOpensItsSnippetPage()
    {
        using var session = await ConsoleSession.SignInAsync(_host);
        var name = "Shop " + Guid.NewGuid().ToString("N")[..6];
        using var response = await session.PostFormAsync("", "create-dataset", new() { ["Input.Name"] = name, ["Input.TimeZone"] = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/snippet", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var datasets = await _host.GetJsonAsync("/api/datasets");
        Assert.Contains(datasets.EnumerateArray(), d => d.GetProperty("name").GetString() == name && d.GetProperty("timeZone").GetString() == "Europe/Paris");
    }

    [Fact]
    public async Task CreateDatasetForm_UnknownTimeZone_ShowsErrorNextToTheField()
    {
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await session.PostFormAsync("", "create-dataset", new() { ["Input.Name"] = "Zoned", ["Input.TimeZone"] = "Mars/Olympus" });
        var page = await ConsoleSession.ParseAsync(response);
        var zoneField = page.QuerySelector("#dataset-zone")!.ParentElement!;
        Assert.Contains("\"Mars/Olympus\" is not a known IANA time zone", zoneField.QuerySelector(".validation-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithConsoleCookieButNoKey_StillRequiresTheKey()
    {
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await session.Client.GetAsync("api/datasets", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
