using System.Net;
using System.Net.Http.Headers;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Adds the bearer token of the request's connection and, when Salesforce answers 401
/// <c>INVALID_SESSION_ID</c> (session timed out or revoked), refreshes once and replays the
/// request once. A second 401 is returned to the caller as it is.
/// </summary>
internal sealed class SalesforceOAuthHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SalesforceRequestOptions.Session, out var session))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var tokens = await session.GetTokensAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (!await IsExpiredSessionAsync(request, response, cancellationToken))
        {
            return response;
        }
        response.Dispose();
        var fresh = await session.RefreshAsync(tokens.AccessToken, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.AccessToken);
        // Contents this library sends are buffered (string or byte array), so they can be sent again.
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// REST, Bulk and Tooling answer 401 with <c>INVALID_SESSION_ID</c>; the identity URL answers
    /// 403 with the plain text <c>Bad_OAuth_Token</c> ("Identity URL Error Codes").
    /// </summary>
    private static async Task<bool> IsExpiredSessionAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length == 0 || body.Contains("INVALID_SESSION_ID", StringComparison.Ordinal);
        }
        if (response.StatusCode == HttpStatusCode.Forbidden && request.RequestUri?.AbsolutePath.StartsWith("/id/", StringComparison.Ordinal) == true)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Contains("Bad_OAuth_Token", StringComparison.Ordinal);
        }
        return false;
    }
}
