using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Rapport.Server.Integrations;

/// <summary>
/// <c>GET /oauth/salesforce/callback</c>: where Salesforce sends the admin's browser back. Not under
/// <c>/api</c> and without the admin key — the browser cannot send it; the one-time <c>state</c>
/// (stored hashed, with its PKCE verifier and an expiry) is what authorizes the request. A flow
/// started from the console's setup page ends back on that page; one started through the API ends
/// on a small page of its own (or problem details when JSON is asked for).
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
        var consoleDataset = ConsoleStartedFor(context);
        if (string.IsNullOrEmpty(state))
        {
            return consoleDataset is null ? Answer(context, SalesforceFailures.InvalidState()) : BackToConsole(context, consoleDataset, "invalid_state");
        }
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        var hash = SalesforceConnections.HashState(state);
        var row = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.PendingStateHash == hash, cancellationToken);
        if (row is null)
        {
            return consoleDataset is null ? Answer(context, SalesforceFailures.InvalidState()) : BackToConsole(context, consoleDataset, "invalid_state");
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
        if (consoleDataset is not null)
        {
            // The setup page reads the outcome (org and user, or the failure and its remedy) from the row.
            return BackToConsole(context, row.DatasetId, failure is null ? "connected" : "failed");
        }
        return failure is null
            ? Page(context, 200, "Salesforce connected",
                $"Rapport is connected to Salesforce org {row.OrganizationId} as {row.Username}. The connection is {row.State.ToString().ToLowerInvariant()}; you can close this tab.")
            : Answer(context, failure);
    }

    /// <summary>
    /// Marks the browser as having started the flow from the console's setup page of
    /// <paramref name="datasetId"/>: the callback then sends it back there instead of answering a
    /// page of its own. Only the browser that clicked the button carries it (path-scoped, 10 minutes).
    /// </summary>
    public static void MarkConsoleStarted(HttpContext context, string datasetId)
        => context.Response.Cookies.Append(ConsoleCookie, datasetId, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true,
            Path = context.Request.PathBase.Add(SalesforceConnections.CallbackPath).Value, MaxAge = SalesforceConnections.PendingLifetime,
        });

    private const string ConsoleCookie = "rapport.salesforce-connect";

    private static string? ConsoleStartedFor(HttpContext context)
        => context.Request.Cookies[ConsoleCookie] is { Length: > 0 } datasetId ? datasetId : null;

    // The address is built from a dataset id, never taken from the request, so it cannot lead off the site.
    private static IResult BackToConsole(HttpContext context, string datasetId, string outcome)
    {
        context.Response.Cookies.Delete(ConsoleCookie, new CookieOptions { Path = context.Request.PathBase.Add(SalesforceConnections.CallbackPath).Value });
        context.Response.Headers.CacheControl = "no-store";
        return Results.Redirect($"{context.Request.PathBase}/datasets/{Uri.EscapeDataString(datasetId)}/salesforce/setup?oauth={outcome}");
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
