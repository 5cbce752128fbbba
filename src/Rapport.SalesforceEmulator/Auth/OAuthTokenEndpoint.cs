using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// <c>POST /services/oauth2/token</c>: the authorization_code, refresh_token, password and
/// client_credentials grants, with the request parameters, response fields and error bodies of
/// Salesforce's "OAuth 2.0 Web Server Flow", "Refresh Token Flow", "Username-Password Flow" and
/// "Client Credentials Flow" help pages.
/// </summary>
internal static class OAuthTokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        ConnectedAppRegistry apps,
        EmulatorDirectory directory,
        OAuthTokenStore tokens,
        TimeProvider clock)
    {
        var parameters = await ReadParametersAsync(context.Request, context.RequestAborted);
        var grantType = parameters.Get("grant_type");
        if (grantType is not ("authorization_code" or "refresh_token" or "password" or "client_credentials"))
        {
            return Error("unsupported_grant_type", "grant type not supported");
        }

        // Client authentication: parameters in the body, or HTTP Basic (the client credentials
        // flow documents both); the key is checked before the secret, as Salesforce does.
        var (clientId, clientSecret) = ClientCredentials(context.Request, parameters);
        var app = apps.Find(clientId);
        if (app is null)
        {
            return Error("invalid_client_id", "client identifier invalid");
        }
        var secretRequired = grantType is "password" or "client_credentials" || app.RequireSecret;
        if ((secretRequired || clientSecret is not null) && !ConnectedAppRegistry.SecretMatches(app, clientSecret))
        {
            return Error("invalid_client", "invalid client credentials");
        }

        return grantType switch
        {
            "authorization_code" => AuthorizationCodeGrant(context.Request, parameters, app, directory, tokens, clock),
            "refresh_token" => RefreshTokenGrant(context.Request, parameters, app, directory, tokens),
            "password" => PasswordGrant(context.Request, parameters, app, directory, tokens),
            _ => ClientCredentialsGrant(context.Request, app, directory, tokens),
        };
    }

    private static IResult AuthorizationCodeGrant(HttpRequest request, FormParameters parameters, EmulatorConnectedAppConfig app,
        EmulatorDirectory directory, OAuthTokenStore tokens, TimeProvider clock)
    {
        var code = parameters.Get("code") is { Length: > 0 } value ? tokens.RedeemCode(value) : null;
        if (code is null || code.ConsumerKey != app.ConsumerKey)
        {
            return Error("invalid_grant", "invalid authorization code");
        }
        if (clock.GetUtcNow() >= code.ExpiresAt)
        {
            return Error("invalid_grant", "expired authorization code");
        }
        if (!string.Equals(parameters.Get("redirect_uri"), code.RedirectUri, StringComparison.Ordinal))
        {
            return Error("redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        // PKCE (RFC 7636, S256): a code requested with code_challenge needs the matching
        // code_verifier. Real orgs answer both a missing and a wrong verifier with this error.
        if (code.CodeChallenge is not null && !Pkce.Verifies(parameters.Get("code_verifier"), code.CodeChallenge))
        {
            return Error("invalid_grant", "invalid code verifier");
        }
        var user = directory.FindById(code.UserId);
        if (user is not { IsActive: true })
        {
            return Error("invalid_grant", "inactive user");
        }
        var refresh = OAuthScopes.AllowsRefresh(code.Scope) ? tokens.IssueRefreshToken(user.Id, app.ConsumerKey, code.Scope) : null;
        var session = tokens.IssueAccessToken(user.Id, app.ConsumerKey, code.Scope, refresh?.GrantId);
        return Success(request, app, directory, session, refresh?.Token);
    }

    private static IResult RefreshTokenGrant(HttpRequest request, FormParameters parameters, EmulatorConnectedAppConfig app,
        EmulatorDirectory directory, OAuthTokenStore tokens)
    {
        if (parameters.Get("refresh_token") is not { Length: > 0 } token
            || !tokens.TryGetRefreshToken(token, out var grant)
            || grant.ConsumerKey != app.ConsumerKey)
        {
            return Error("invalid_grant", "expired access/refresh token");
        }
        var user = directory.FindById(grant.UserId);
        if (user is not { IsActive: true })
        {
            return Error("invalid_grant", "inactive user");
        }
        // Without rotation the response carries no refresh_token and the old one stays valid; with
        // "Enable Refresh Token Rotation" a new one is returned and the used one stops working.
        string? rotated = null;
        if (app.RefreshTokenRotation)
        {
            tokens.RetireRefreshToken(grant.Token);
            rotated = tokens.IssueRefreshToken(user.Id, app.ConsumerKey, grant.Scope, grant.GrantId).Token;
        }
        var session = tokens.IssueAccessToken(user.Id, app.ConsumerKey, grant.Scope, grant.GrantId);
        return Success(request, app, directory, session, rotated);
    }

    private static IResult PasswordGrant(HttpRequest request, FormParameters parameters, EmulatorConnectedAppConfig app,
        EmulatorDirectory directory, OAuthTokenStore tokens)
    {
        var user = parameters.Get("username") is { } username ? directory.FindByUsername(username) : null;
        if (user is null || !directory.CheckPasswordAndToken(user, parameters.Get("password")))
        {
            return Error("invalid_grant", "authentication failure");
        }
        if (!user.IsActive)
        {
            return Error("invalid_grant", "inactive user");
        }
        // "The username-password flow doesn't return a refresh token."
        var scope = OAuthScopes.Grant(app, null)!;
        var session = tokens.IssueAccessToken(user.Id, app.ConsumerKey, scope, grantId: null);
        return Success(request, app, directory, session, refreshToken: null);
    }

    private static IResult ClientCredentialsGrant(HttpRequest request, EmulatorConnectedAppConfig app,
        EmulatorDirectory directory, OAuthTokenStore tokens)
    {
        // The flow runs as the connected app's "Run As" user; without one Salesforce refuses it.
        var user = app.ClientCredentialsUser is { } runAs ? directory.FindByUsername(runAs) : null;
        if (user is null)
        {
            return Error("invalid_grant", "no client credentials user enabled");
        }
        if (!user.IsActive)
        {
            return Error("invalid_grant", "inactive user");
        }
        var scope = string.Join(' ', OAuthScopes.Of(app).Where(s => s is not ("refresh_token" or "offline_access")));
        var session = tokens.IssueAccessToken(user.Id, app.ConsumerKey, scope, grantId: null);
        return Success(request, app, directory, session, refreshToken: null);
    }

    private static JsonHttpResult<OAuthTokenResponse> Success(HttpRequest request, EmulatorConnectedAppConfig app, EmulatorDirectory directory,
        AccessSession session, string? refreshToken)
    {
        var id = EmulatorUrls.IdentityUrl(request, directory.OrganizationId, session.UserId);
        var issuedAt = session.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var body = new OAuthTokenResponse(
            session.Token,
            refreshToken,
            Signature(app.ConsumerSecret, id, issuedAt),
            session.Scope,
            EmulatorUrls.BaseUrl(request),
            id,
            "Bearer",
            issuedAt);
        NoStore(request.HttpContext.Response);
        return TypedResults.Json(body);
    }

    /// <summary>
    /// "Base64-encoded HMAC-SHA256 signature signed with the client_secret … The signature
    /// contains the concatenated ID and issued_at value" — clients verify a response with it.
    /// </summary>
    public static string Signature(string consumerSecret, string id, string issuedAt) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret), Encoding.UTF8.GetBytes(id + issuedAt)));

    public static IResult Error(string error, string description) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: StatusCodes.Status400BadRequest);

    /// <summary>RFC 6749 §5.1: token responses must not be cached.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>
    /// Salesforce reads token parameters from a form body and, for older clients, from the query
    /// string; a body that is not a form simply has no grant_type.
    /// </summary>
    public static async Task<FormParameters> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value;
        }
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(cancellationToken);
                foreach (var (key, value) in form)
                {
                    values[key] = value;
                }
            }
            catch (InvalidDataException)
            {
                // A malformed form is treated like a request without parameters.
            }
        }
        return new FormParameters(values);
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, FormParameters parameters)
    {
        string? id = parameters.Get("client_id");
        string? secret = parameters.Get("client_secret");
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } encoded)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    id ??= Uri.UnescapeDataString(decoded[..colon]);
                    secret ??= Uri.UnescapeDataString(decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                // Not Base64: no client credentials in the header.
            }
        }
        return (id, secret);
    }
}
