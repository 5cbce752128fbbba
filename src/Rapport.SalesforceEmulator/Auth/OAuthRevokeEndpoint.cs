using Microsoft.AspNetCore.Http;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// <c>/services/oauth2/revoke</c> (Salesforce help, "Revoke OAuth Tokens"): POST a form with
/// <c>token</c>, or GET with it in the query. 200 with an empty body when revoked, 400 with
/// <c>invalid_token</c> otherwise. A refresh token takes its access tokens with it.
/// </summary>
internal static class OAuthRevokeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, OAuthTokenStore tokens)
    {
        var parameters = await OAuthTokenEndpoint.ReadParametersAsync(context.Request, context.RequestAborted);
        var token = parameters.Get("token");
        if (string.IsNullOrEmpty(token))
        {
            return OAuthTokenEndpoint.Error("unsupported_token_type", "token type not supported");
        }
        if (!tokens.Revoke(token))
        {
            return OAuthTokenEndpoint.Error("invalid_token", "invalid token");
        }
        return TypedResults.Ok();
    }
}
