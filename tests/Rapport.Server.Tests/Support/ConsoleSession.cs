using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Console.Accounts;

namespace Rapport.Server.Tests.Support;

/// <summary>
/// A browser-like client of the admin console on a test host: it keeps cookies, signs in through
/// the real sign-in form, and posts forms with the antiforgery token the page carried.
/// </summary>
public sealed class ConsoleSession : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private ConsoleSession(HttpClient client) => Client = client;

    /// <summary>The client: cookies kept, redirects not followed (tests assert them).</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// A client with no account, signed out. <paramref name="clientAddress"/> is the address the server
    /// sees, on a host started with <see cref="TestClientAddress"/> (the test server has none of its own).
    /// </summary>
    public static ConsoleSession Anonymous(RapportTestHost host, string? clientAddress = null)
    {
        var handler = new CookieHandler(host.App.GetTestServer().CreateHandler());
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress);
        }
        return new ConsoleSession(client);
    }

    /// <summary>The antiforgery token of the form named <paramref name="formName"/> on the page at <paramref name="path"/>, as a script on that page reads it.</summary>
    public async Task<string> FormTokenAsync(string path, string formName)
    {
        var page = await GetPageAsync(path);
        var form = page.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        Assert.True(form is not null, $"{path} has no form named \"{formName}\"");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"the \"{formName}\" form on {path} carries no antiforgery token");
        return token;
    }

    /// <summary>Creates an account and signs in with it through the sign-in form.</summary>
    public static async Task<ConsoleSession> SignInAsync(RapportTestHost host, string? userName = null)
    {
        var name = userName ?? "admin-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "correct horse battery";
        await host.Services.GetRequiredService<AdminAccounts>().CreateAsync(name, password, CancellationToken.None);
        var session = Anonymous(host);
        using var response = await session.PostFormAsync("sign-in", "sign-in",
            new() { ["Input.UserName"] = name, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    /// <summary>GETs a console page, asserts the status, and returns it parsed.</summary>
    public async Task<IDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}, expected {(int)expected}: {html}");
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>
    /// Loads <paramref name="path"/>, then posts the form named <paramref name="formName"/> with
    /// <paramref name="fields"/> and the page's antiforgery token, as a browser submitting it would.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(path);
        var form = page.QuerySelectorAll("form").FirstOrDefault(f =>
            f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        Assert.True(form is not null, $"{path} has no form named \"{formName}\"");
        var values = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? ""),
        };
        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a.TrimStart('/') : path;
        return await Client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Parses a response body as a page.</summary>
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
        => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public void Dispose() => Client.Dispose();

    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(uri, setCookie);
                }
            }
            return response;
        }
    }
}
