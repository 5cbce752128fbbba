using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// Authenticates <c>/services/data/…</c> (REST, Tooling, Bulk 2.0) and <c>/id/…</c> requests by
/// their access token and puts the caller on the request as an <see cref="IEmulatorSession"/>
/// feature for the endpoints behind it.
/// </summary>
internal sealed class SessionGuardMiddleware(RequestDelegate next, OAuthTokenStore tokens, EmulatorDirectory directory)
{
    public static readonly PathString DataPath = new("/services/data");
    public static readonly PathString IdentityPath = new("/id");

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(IdentityPath))
        {
            return GuardIdentityAsync(context);
        }
        // The version list (/services/data and /services/data/) is public in Salesforce: clients
        // call it before they log in.
        if (path.StartsWithSegments(DataPath, out var rest) && rest.HasValue && rest.Value != "/")
        {
            return GuardRestAsync(context);
        }
        return next(context);
    }

    private Task GuardRestAsync(HttpContext context)
    {
        var session = Authenticate(BearerToken(context.Request));
        if (session is null)
        {
            // 401 with "WWW-Authenticate: Token" and INVALID_SESSION_ID, as an expired or unknown
            // session gets from every REST resource; OAuth clients refresh on exactly this.
            context.Response.Headers.WWWAuthenticate = "Token";
            return RestErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized,
                new RestError("Session expired or invalid", "INVALID_SESSION_ID"));
        }
        if (!session.HasPermission(EmulatorPermissions.ApiEnabled))
        {
            // What a session of a user without "API Enabled" gets from the REST API.
            return RestErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden,
                new RestError("The REST API is not enabled for this Organization.", "API_DISABLED_FOR_ORG"));
        }
        context.Features.Set<IEmulatorSession>(session);
        return next(context);
    }

    /// <summary>
    /// The identity URL accepts the token in the Authorization header or as <c>oauth_token</c>
    /// and reports failures as 403 with a plain-text code (Identity URLs, "Identity URL Error
    /// Codes"): Missing_OAuth_Token, Bad_OAuth_Token.
    /// </summary>
    private Task GuardIdentityAsync(HttpContext context)
    {
        var token = BearerToken(context.Request) ?? (context.Request.Query["oauth_token"] is { Count: > 0 } q ? q[0] : null);
        if (string.IsNullOrEmpty(token))
        {
            return PlainAsync(context, StatusCodes.Status403Forbidden, "Missing_OAuth_Token");
        }
        var session = Authenticate(token);
        if (session is null)
        {
            return PlainAsync(context, StatusCodes.Status403Forbidden, "Bad_OAuth_Token");
        }
        context.Features.Set<IEmulatorSession>(session);
        return next(context);
    }

    private EmulatorSession? Authenticate(string? token)
    {
        if (string.IsNullOrEmpty(token) || !tokens.TryGetSession(token, out var session))
        {
            return null;
        }
        // A deactivated user's sessions end; the directory is checked too in case a session
        // outlived the change.
        var user = directory.FindById(session.UserId);
        return user is { IsActive: true } ? new EmulatorSession(session, user, directory) : null;
    }

    /// <summary>Salesforce takes <c>Authorization: Bearer …</c> and the older <c>Authorization: OAuth …</c>.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers[HeaderNames.Authorization], out var header))
        {
            return null;
        }
        return header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.Scheme.Equals("OAuth", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;
    }

    private static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain;charset=UTF-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
