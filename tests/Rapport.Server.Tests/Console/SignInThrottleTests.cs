using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rapport.Server.Console.Accounts;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>Console sign-in refuses password guessing: too many failures for one user name or from one address, within 15 minutes, on a fake clock.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Password = "the right password";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, null, services =>
    {
        services.AddSingleton<IStartupFilter, TestClientAddress>();
        services.AddSingleton(sp => new SignInThrottle(_clock, sp.GetRequiredService<IOptions<SignInThrottleOptions>>()));
    }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_FiveWrongPasswords_RefusesEvenTheRightOneWith429AndSaysWhenToRetry()
    {
        await CreateAccountAsync("maria");
        using var session = ConsoleSession.Anonymous(_host);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(session, "maria", "wrong guess " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The user name or password is wrong.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var refused = await SignInAsync(session, "MARIA", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter?.Delta);
        var page = await ConsoleSession.ParseAsync(refused);
        Assert.Equal("Too many failed sign-ins; try again in 15 minutes.", page.QuerySelector("[role=alert]#sign-in-refused")!.TextContent);
        Assert.DoesNotContain(SetCookies(refused), c => c.StartsWith("rapport.console=", StringComparison.Ordinal));
        // The form stays there, labelled, with the name kept and no password echoed.
        Assert.Equal("MARIA", page.QuerySelector("#username")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#password")!.GetAttribute("value"));
    }

    [Fact]
    public async Task SignIn_RefusedName_OpensAgainWhenTheOldestFailureLeavesTheWindow()
    {
        await CreateAccountAsync("olga");
        using var session = ConsoleSession.Anonymous(_host);
        await FailAsync(session, "olga", 5);

        _clock.Advance(TimeSpan.FromMinutes(10));
        using var stillRefused = await SignInAsync(session, "olga", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Contains("try again in 5 minutes", Refusal(await ConsoleSession.ParseAsync(stillRefused)), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(5));
        using var signedIn = await SignInAsync(session, "olga", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_SuccessAfterFourFailures_StartsTheCountAgain()
    {
        await CreateAccountAsync("ines");
        using var session = ConsoleSession.Anonymous(_host);
        await FailAsync(session, "ines", 4);
        using (var first = await SignInAsync(session, "ines", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var other = ConsoleSession.Anonymous(_host);
        await FailAsync(other, "ines", 4);
        using var second = await SignInAsync(other, "ines", Password);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyNamesFromOneAddress_RefusesThatAddressButNotOthers()
    {
        await CreateAccountAsync("kim");
        using var guesser = ConsoleSession.Anonymous(_host, "203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(guesser, "someone-" + i, "wrong guess");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var refused = await SignInAsync(guesser, "kim", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed sign-ins", Refusal(await ConsoleSession.ParseAsync(refused)), StringComparison.Ordinal);

        using var colleague = ConsoleSession.Anonymous(_host, "198.51.100.20");
        using var signedIn = await SignInAsync(colleague, "kim", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_OneNameRefused_OtherAccountsStillSignIn()
    {
        await CreateAccountAsync("target");
        await CreateAccountAsync("bystander");
        using var guesser = ConsoleSession.Anonymous(_host);
        await FailAsync(guesser, "target", 5);

        using var bystander = ConsoleSession.Anonymous(_host);
        using var signedIn = await SignInAsync(bystander, "bystander", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var home = await bystander.GetPageAsync("");
        Assert.Equal("bystander", home.QuerySelector(".topbar-name")!.TextContent);
    }

    [Fact]
    public async Task SignIn_EmptyFields_AreNotCountedAsFailures()
    {
        await CreateAccountAsync("empty-fields");
        using var session = ConsoleSession.Anonymous(_host);
        for (var i = 0; i < 6; i++)
        {
            using var empty = await SignInAsync(session, "empty-fields", "");
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }
        using var signedIn = await SignInAsync(session, "empty-fields", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Start_NoFailuresAllowed_IsRefusedNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => RapportTestHost.StartAsync(DatabaseKind.Sqlite,
            new Dictionary<string, string?> { ["Rapport:SignIn:MaxFailures"] = "0" }, null, TestContext.Current.CancellationToken));
        Assert.Contains("Rapport:SignIn:MaxFailures must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    private async Task CreateAccountAsync(string name)
        => await _host.Services.GetRequiredService<AdminAccounts>().CreateAsync(name, Password, TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> SignInAsync(ConsoleSession session, string userName, string password)
        => session.PostFormAsync("sign-in", "sign-in", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    private static async Task FailAsync(ConsoleSession session, string userName, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await SignInAsync(session, userName, "wrong guess " + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static string Refusal(IDocument page) => page.QuerySelector("#sign-in-refused")?.TextContent ?? "(no refusal shown)";

    private static IEnumerable<string> SetCookies(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
