using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Rapport.Server.Integrations;

/// <summary>
/// <c>GET /oauth/salesforce/callback</c>: where Salesforce sends the admin's browser back. Not under
/// <c>/api</c> and without the admin key — the browser cannot send it; the one-time <c>state</c>
/// (stored hashed, with its PKCE verifier and an expiry) is what authorizes the request.
/// </summary>
public static class SalesforceOAuthCallback
{
    public static IEndpointRouteBuilder MapSalesforceOAuthCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet(SalesforceConnections.CallbackPath, CallbackAsync).WithTags("Salesforce connection").ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> CallbackAsync(HttpContext context, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        string? state = query["state"], code = query["code"], error = query["error"];
        if (string.IsNullOrEmpty(state))
        {
            return Answer(context, SalesforceFailures.InvalidState());
        }
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        var hash = SalesforceConnections.HashState(state);
        var row = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.PendingStateHash == hash, cancellationToken);
        if (row is null)
        {
            return Answer(context, SalesforceFailures.InvalidState());
        }
        var verifier = connections.Protector.Unprotect(row.PendingCodeVerifierProtected);
        var redirect = row.PendingRedirectUri;
        var expired = row.PendingExpiresAt is not { } expires || expires < connections.UtcNow;
        // One use only: a replayed or late callback finds nothing.
        SalesforceConnections.ClearPending(row);
        var failure = expired ? SalesforceFailures.ExpiredState()
            : !string.IsNullOrEmpty(error) ? (error == "access_denied"
                ? SalesforceFailures.AccessDenied(query["error_description"])
                : new SalesforceFailure(error, 400, "Salesforce refused the authorization", $"Salesforce answered {error}: {query["error_description"]}.",
                    "Check the connected app (callback URL, OAuth scopes \"api\" and \"refresh_token\") and connect again."))
            : string.IsNullOrEmpty(code) || verifier is null || redirect is null ? SalesforceFailures.InvalidState()
            : null;
        if (failure is null)
        {
            var options = connections.Options(row);
            try
            {
                var tokens = await connections.Clients.CreateOAuthClient().ExchangeCodeAsync(options, code!, new Uri(redirect!), verifier!, cancellationToken);
                row.AuthFlow = Data.Entities.SalesforceAuthFlow.WebServer;
                await connections.EstablishAsync(row, tokens, cancellationToken);
            }
            catch (Exception ex) when (SalesforceFailures.Classify(ex, options.LoginUrl) is { } classified)
            {
                failure = classified;
            }
        }
        if (failure is not null)
        {
            connections.RecordCheck(row, failure);
        }
        await db.SaveChangesAsync(cancellationToken);
        return failure is null
            ? Page(context, 200, "Salesforce connected",
                $"Rapport is connected to Salesforce org {row.OrganizationId} as {row.Username}. The connection is {row.State.ToString().ToLowerInvariant()}; you can close this tab.")
            : Answer(context, failure);
    }

    private static IResult Answer(HttpContext context, SalesforceFailure failure)
    {
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? SalesforceConnectionApi.FailureProblem(failure)
            : Page(context, failure.Status, failure.Title, failure.Detail);
    }

    private static IResult Page(HttpContext context, int status, string title, string message)
    {
        context.Response.Headers.CacheControl = "no-store";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}} · Rapport</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}</style></head>
            <body><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
