using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rapport.Server.Sdk;

namespace Rapport.Browser.Tests.Support;

/// <summary>
/// A customer's web site on its own port (so its own origin, as on a real site): every page
/// carries the paste-in snippet from <see cref="SdkSnippet.Render"/> for the write key in its path,
/// pointing at Rapport. <c>/{writeKey}/{page}</c> serves a page titled <c>{page}</c>.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the site on a free port of 127.0.0.1, its snippet pointing at <paramref name="rapportHost"/>.</summary>
    public static async Task<TestSite> StartAsync(string rapportHost, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/{writeKey}/{page}", (string writeKey, string page) => TypedResults.Content(
            Html(SdkSnippet.Render(rapportHost, writeKey), page), "text/html; charset=utf-8"));
        await app.StartAsync(cancellationToken);
        return new TestSite(app, new Uri(RapportBrowserFixture.AddressOf(app)));
    }

    /// <summary>The URL of <paramref name="page"/> instrumented with <paramref name="writeKey"/>.</summary>
    public Uri PageUrl(string writeKey, string page)
        => new(BaseUrl, Uri.EscapeDataString(writeKey) + "/" + Uri.EscapeDataString(page));

    private static string Html(string snippet, string page)
    {
        var title = WebUtility.HtmlEncode(page);
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{title}</title>
            {snippet}
            </head>
            <body>
            <h1>{title}</h1>
            <p>A test shop page instrumented with the Rapport snippet.</p>
            </body>
            </html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
