using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Sends one connection's requests: resolves paths against the instance URL and API version,
/// attaches the session for the handlers, and turns failures into <see cref="SalesforceApiException"/>.
/// </summary>
internal sealed class SalesforceTransport(HttpClient http, SalesforceSession session)
{
    public SalesforceSession Session { get; } = session;

    /// <summary><c>{instance}/services/data/{version}/{relative}</c>.</summary>
    public async ValueTask<Uri> DataUriAsync(string relative, CancellationToken cancellationToken)
    {
        var tokens = await Session.GetTokensAsync(cancellationToken);
        return new Uri(tokens.InstanceUrl, $"/services/data/{Session.Options.NormalizedApiVersion}/{relative.TrimStart('/')}");
    }

    /// <summary>An absolute path the API returned (<c>nextRecordsUrl</c>), resolved against the instance.</summary>
    public async ValueTask<Uri> InstanceUriAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var tokens = await Session.GetTokensAsync(cancellationToken);
        return new Uri(tokens.InstanceUrl, pathAndQuery);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Json(byte[] utf8)
    {
        var content = new ByteArrayContent(utf8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        return content;
    }

    /// <summary>
    /// Sends and returns a successful response with its headers read (the body can be streamed);
    /// a failure is read and thrown.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool idempotent, CancellationToken cancellationToken)
    {
        request.Options.Set(SalesforceRequestOptions.Session, Session);
        if (idempotent)
        {
            SalesforceRequestOptions.MarkIdempotent(request);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SalesforceApiException(response.StatusCode, SalesforceErrorParser.Parse(body), $"{request.Method} {request.RequestUri?.AbsolutePath}");
        }
    }

    public async Task<T> SendJsonAsync<T>(HttpMethod method, Uri uri, HttpContent? content, bool idempotent, CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await SendAsync(request, idempotent, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, SalesforceJson.Options, cancellationToken)
            ?? throw new SalesforceApiException($"{method} {uri.AbsolutePath} returned an empty body");
    }

    public async Task SendAsync(HttpMethod method, Uri uri, HttpContent? content, bool idempotent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var response = await SendAsync(request, idempotent, cancellationToken);
    }
}
