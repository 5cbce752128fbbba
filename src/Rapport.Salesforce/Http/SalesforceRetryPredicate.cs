using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Which outcomes the standard resilience handler retries: transient failures (5xx, 408, 429,
/// timeouts, connection errors) and <c>UNABLE_TO_LOCK_ROW</c> bodies, but only for requests that
/// can be repeated safely — GET/HEAD/OPTIONS, or requests the client marked idempotent (upserts
/// by external id). A plain create retried after a lost response would create a duplicate.
/// </summary>
internal static class SalesforceRetryPredicate
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (request is not null && !SalesforceRequestOptions.IsRetryable(request))
        {
            return false;
        }
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }
        if (outcome.Result is not { } response)
        {
            return false;
        }
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            // Buffered so the caller can still read the body if this is the last attempt.
            await response.Content.LoadIntoBufferAsync(context.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
            return body.Contains("UNABLE_TO_LOCK_ROW", StringComparison.Ordinal);
        }
        return false;
    }
}
