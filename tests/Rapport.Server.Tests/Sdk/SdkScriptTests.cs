using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rapport.Server.Sdk;

namespace Rapport.Server.Tests.Sdk;

/// <summary>Serving /sdk/rapport.js, the pasteable stub, and the tracking API as other origins see it.</summary>
public sealed class SdkScriptTests(SdkServer server) : IClassFixture<SdkServer>
{
    private static readonly string Source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sdk", "js", "rapport.js"));

    private HttpClient Browser() => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.BaseUrl };

    [Fact]
    public async Task GetScript_ReturnsTheSnippetAsCacheableJavaScript()
    {
        using var client = Browser();

        using var response = await client.GetAsync("sdk/rapport.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(Source, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetScript_WithMatchingETag_Answers304WithoutBody()
    {
        using var client = Browser();
        using var first = await client.GetAsync("sdk/rapport.js", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "sdk/rapport.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetScript_WithOtherETag_ReturnsTheScript()
    {
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "sdk/rapport.js");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-version\""));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Source, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetScript_AcceptingGzip_ServesItCompressed()
    {
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "sdk/rapport.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(Source) / 2, $"gzip gave {compressed.Length} bytes");
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal(Source, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_AllowsPostingToTheTrackingApi()
    {
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Options, "v1/batch");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("authorization", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Batch_TextPlainBodyWithWriteKey_AcceptedAndReadableByTheOrigin()
    {
        // What sendBeacon and a preflight-free fetch send: text/plain, the write key in the body.
        var dataset = await server.CreateDatasetAsync();
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/batch")
        {
            Content = new StringContent(
                $$"""{"writeKey":"{{dataset.WriteKey}}","batch":[{"type":"track","event":"Beaconed","anonymousId":"anon-beacon","messageId":"m-beacon-1"}]}""",
                Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://shop.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var stored = Assert.Single(await server.EventsAsync(dataset));
        Assert.Equal("Beaconed", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Batch_UnknownWriteKeyFromAnotherOrigin_RefusalIsReadableByTheOrigin()
    {
        // Without the CORS header a browser hides the 401 as a network error, and the snippet
        // would retry a request that can never succeed.
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/batch")
        {
            Content = new StringContent("""{"writeKey":"no-such-key","batch":[{"type":"track","event":"X","anonymousId":"a"}]}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://shop.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task HeadScript_AnswersHeadersOnly()
    {
        using var client = Browser();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "sdk/rapport.js"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AdminApi_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/datasets");
        request.Headers.Add("Origin", "https://shop.example");

        using var response = await server.Admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Render_HostAndWriteKey_FilledInAndCannotCloseTheScriptElement()
    {
        var snippet = SdkSnippet.Render("https://rapport.example.org/", "key\"</script><b>");

        Assert.Contains("\"https://rapport.example.org\",", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("YOUR_WRITE_KEY", snippet, StringComparison.Ordinal);
        Assert.Single(snippet.Split("</script>")[1..]);
        Assert.StartsWith("<!--", snippet, StringComparison.Ordinal);
    }
}
