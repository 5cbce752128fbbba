using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// <c>/services/oauth2/authorize</c> for the web server flow (<c>response_type=code</c>), after
/// Salesforce's "OAuth 2.0 Web Server Flow for Web App Integration": GET shows the login and
/// "Allow" page, POST submits it, and the browser goes back to the callback URL with
/// <c>code</c> and the caller's <c>state</c>, or with <c>error</c> and <c>error_description</c>.
/// </summary>
internal static class OAuthAuthorizeEndpoint
{
    /// <summary>Remembers a browser login so the next authorization does not ask again.</summary>
    public const string LoginCookie = "emulator_sid";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        ConnectedAppRegistry apps,
        EmulatorDirectory directory,
        OAuthTokenStore tokens,
        EmulatorConfig config)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        var parameters = await OAuthTokenEndpoint.ReadParametersAsync(context.Request, context.RequestAborted);
        var request = AuthorizeRequest.From(parameters);

        // Unknown clients and unregistered callback URLs cannot be redirected to safely, so
        // Salesforce reports them on its own page instead.
        var app = apps.Find(request.ClientId);
        if (app is null)
        {
            return ErrorPage("invalid_client_id", "client identifier invalid");
        }
        if (request.RedirectUri is null || !app.CallbackUrls.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return ErrorPage("redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        var redirectUri = request.RedirectUri;

        // Everything else goes back to the client, as RFC 6749 §4.1.2.1 and Salesforce do.
        if (request.ResponseType != "code")
        {
            return RedirectError(redirectUri, request.State, "unsupported_response_type", "response type not supported");
        }
        var scope = OAuthScopes.Grant(app, request.Scope);
        if (scope is null)
        {
            return RedirectError(redirectUri, request.State, "invalid_scope", "the requested scope is not allowed");
        }
        if (request.CodeChallenge is not null)
        {
            if ((request.CodeChallengeMethod ?? "S256") != "S256")
            {
                return RedirectError(redirectUri, request.State, "invalid_request", "unsupported code_challenge_method");
            }
            if (!Pkce.IsWellFormedChallenge(request.CodeChallenge))
            {
                return RedirectError(redirectUri, request.State, "invalid_request", "invalid code_challenge");
            }
        }

        var prompt = (request.Prompt ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var forceLogin = prompt.Contains("login", StringComparer.Ordinal);
        var browserUser = forceLogin ? null : ActiveUser(directory.FindById(tokens.FindBrowserLogin(context.Request.Cookies[LoginCookie]) ?? string.Empty));

        if (isPost)
        {
            if (parameters.Get("action") == "deny")
            {
                return RedirectError(redirectUri, request.State, "access_denied", "end-user denied authorization");
            }
            var username = parameters.Get("username");
            EmulatorUser? user;
            if (!string.IsNullOrEmpty(username))
            {
                var candidate = directory.FindByUsername(username);
                user = candidate is { IsActive: true } && directory.CheckPassword(candidate, parameters.Get("password")) ? candidate : null;
                if (user is null)
                {
                    return Page(AuthorizePage.Login(request, app, loggedIn: null, username, AuthorizePage.LoginFailedMessage));
                }
                var cookie = tokens.CreateBrowserLogin(user.Id);
                context.Response.Cookies.Append(LoginCookie, cookie, new CookieOptions
                {
                    HttpOnly = true,
                    Path = "/services/oauth2",
                    SameSite = SameSiteMode.Lax,
                });
            }
            else
            {
                user = browserUser;
                if (user is null)
                {
                    return Page(AuthorizePage.Login(request, app, loggedIn: null, username: null, AuthorizePage.LoginFailedMessage));
                }
            }
            return RedirectWithCode(tokens, app, request, redirectUri, user, scope);
        }

        // Auto-approve: the emulator's stand-in for "Admin approved users are pre-authorized",
        // so tests can run the flow without a browser. The user comes from login_hint, the
        // config's autoLoginUsername or an earlier login in this browser.
        if (app.AutoApprove && !forceLogin && !prompt.Contains("consent", StringComparer.Ordinal))
        {
            var known = (request.LoginHint is { } hint ? ActiveUser(directory.FindByUsername(hint)) : null)
                ?? (config.AutoLoginUsername is { } auto ? ActiveUser(directory.FindByUsername(auto)) : null)
                ?? browserUser;
            if (known is not null)
            {
                return RedirectWithCode(tokens, app, request, redirectUri, known, scope);
            }
        }
        return Page(AuthorizePage.Login(request, app, browserUser, username: null, error: null));
    }

    private static EmulatorUser? ActiveUser(EmulatorUser? user) => user is { IsActive: true } ? user : null;

    private static RedirectHttpResult RedirectWithCode(OAuthTokenStore tokens, EmulatorConnectedAppConfig app, AuthorizeRequest request,
        string redirectUri, EmulatorUser user, string scope)
    {
        var code = tokens.IssueCode(app.ConsumerKey, redirectUri, user.Id, scope, request.CodeChallenge);
        var query = new Dictionary<string, string?> { ["code"] = code.Code };
        if (request.State is not null)
        {
            query["state"] = request.State;
        }
        return TypedResults.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private static RedirectHttpResult RedirectError(string redirectUri, string? state, string error, string description)
    {
        var query = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (state is not null)
        {
            query["state"] = state;
        }
        return TypedResults.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private static ContentHttpResult ErrorPage(string error, string description) =>
        TypedResults.Content(AuthorizePage.Error(error, description), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static ContentHttpResult Page(string html) => TypedResults.Content(html, "text/html; charset=utf-8");
}
