namespace Rapport.Salesforce.Http;

/// <summary>Per-request markers the handlers read from <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class SalesforceRequestOptions
{
    /// <summary>The connection the request belongs to; one handler pipeline serves every connection.</summary>
    public static readonly HttpRequestOptionsKey<SalesforceSession> Session = new("Rapport.Salesforce.Session");

    /// <summary>
    /// The caller vouches that repeating this POST/PATCH/PUT/DELETE cannot double its effect
    /// (upserts by external id, query POSTs), so transient failures may be retried.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Rapport.Salesforce.Idempotent");

    public static void MarkIdempotent(HttpRequestMessage request) => request.Options.Set(Idempotent, true);

    public static bool IsRetryable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
        || (request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent);
}
