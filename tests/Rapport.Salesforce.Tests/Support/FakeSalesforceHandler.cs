using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Rapport.Salesforce.Tests.Support;

/// <summary>
/// Stands in for Salesforce below the client's handlers: records every request and answers with
/// <see cref="Respond"/>.
/// </summary>
public sealed class FakeSalesforceHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Func<RecordedRequest, Task<HttpResponseMessage>> Respond { get; set; } = _ => Task.FromResult(Json(HttpStatusCode.OK, "{}"));

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPart) => _requests.Where(r => r.Uri.PathAndQuery.Contains(pathPart, StringComparison.Ordinal)).ToArray();

    public void Answer(Func<RecordedRequest, HttpResponseMessage> respond) => Respond = r => Task.FromResult(respond(r));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), request.Content?.Headers.ContentType?.MediaType, body);
        _requests.Enqueue(recorded);
        var response = await Respond(recorded);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? limitInfo = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (limitInfo is not null)
        {
            response.Headers.TryAddWithoutValidation("Sforce-Limit-Info", limitInfo);
        }
        return response;
    }

    public static HttpResponseMessage Csv(string csv, string? locator = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (locator is not null)
        {
            response.Headers.TryAddWithoutValidation("Sforce-Locator", locator);
        }
        return response;
    }

    public static HttpResponseMessage NoContent() => new(HttpStatusCode.NoContent);

    public static HttpResponseMessage InvalidSession() =>
        Json(HttpStatusCode.Unauthorized, """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""");

    public static HttpResponseMessage Token(string accessToken, string? refreshToken = null, string instance = ClientHarness.Instance) =>
        Json(HttpStatusCode.OK, $$"""
            {"access_token":"{{accessToken}}",{{(refreshToken is null ? "" : $"\"refresh_token\":\"{refreshToken}\",")}}"instance_url":"{{instance}}",
             "id":"https://login.salesforce.com/id/00Dxx0000000001EAA/005xx0000000001AAA","token_type":"Bearer","issued_at":"1735689600000","scope":"api refresh_token"}
            """);
}
