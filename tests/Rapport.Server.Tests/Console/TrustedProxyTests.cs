using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Console.Accounts;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// Behind a trusted reverse proxy the sign-in throttle counts each visitor's own address (from
/// X-Forwarded-For), so one guesser does not lock out everyone behind the same proxy; from an
/// address that is not a trusted proxy the header is ignored.
/// </summary>
public sealed class TrustedProxyTests : IAsyncLifetime
{
    private const string Proxy = "10.1.1.1";
    private const string Password = "the right password";
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite,
        new Dictionary<string, string?> { ["Rapport:TrustedProxies"] = "192.0.2.0/24, " + Proxy },
        services => services.AddSingleton<IStartupFilter, TestClientAddress>(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_GuesserBehindTrustedProxy_RefusesOnlyTheGuessersForwardedAddress()
    {
        await _host.Services.GetRequiredService<AdminAccounts>().CreateAsync("kim", Password, TestContext.Current.CancellationToken);
        using var guesser = ViaProxy(Proxy, "203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(guesser, "someone-" + i, "wrong guess");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var refused = await SignInAsync(guesser, "kim", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        using var colleague = ViaProxy(Proxy, "198.51.100.20");
        using var signedIn = await SignInAsync(colleague, "kim", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_ForwardedForFromAnUntrustedAddress_IsIgnored()
    {
        await _host.Services.GetRequiredService<AdminAccounts>().CreateAsync("lou", Password, TestContext.Current.CancellationToken);
        // A client that is not a proxy makes up a new address for every guess: they all count as its own.
        for (var i = 0; i < 5; i++)
        {
            using var liar = ViaProxy("203.0.113.50", "198.51.100." + (100 + i));
            using var wrong = await SignInAsync(liar, "someone-" + i, "wrong guess");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var again = ViaProxy("203.0.113.50", "198.51.100.200");
        using var refused = await SignInAsync(again, "lou", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private ConsoleSession ViaProxy(string connectionAddress, string forwardedFor)
    {
        var session = ConsoleSession.Anonymous(_host, connectionAddress);
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return session;
    }

    private static Task<HttpResponseMessage> SignInAsync(ConsoleSession session, string userName, string password)
        => session.PostFormAsync("sign-in", "sign-in", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
}
