using System.Net.Sockets;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Sync;

namespace Rapport.Server.Integrations;

/// <summary>Sorts exceptions from the Salesforce client into <see cref="SalesforceFailure"/> classes.</summary>
public static class SalesforceFailures
{
    public const string Reconnect = SalesforceRemedies.Reconnect;

    /// <summary>The failure class of <paramref name="exception"/>, or null when it is not a Salesforce or network failure (a bug: let it surface).</summary>
    public static SalesforceFailure? Classify(Exception exception, Uri loginUrl) => exception switch
    {
        SalesforceAuthException auth => FromAuth(auth),
        SalesforceApiException api => FromApi(api),
        HttpRequestException or SocketException or TaskCanceledException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException => Network(loginUrl, exception),
        _ => null,
    };

    /// <summary>The admin (or the org) said no on Salesforce's approval page.</summary>
    public static SalesforceFailure AccessDenied(string? description) => new("access_denied", 403, "Salesforce access denied",
        $"Salesforce did not grant access{(string.IsNullOrEmpty(description) ? "" : $" ({description})")}.",
        "Connect again and click Allow. If the page never offered Allow, set Permitted Users to \"All users may self-authorize\" in the connected app's OAuth policies (Setup > Manage Apps > Connected Apps).");

    public static SalesforceFailure InvalidState() => new("invalid_state", 400, "Unknown authorization",
        "This callback does not belong to an authorization Rapport started, or it was already used.",
        "Start again from Rapport (GET …/connections/salesforce/connect) and finish in the same browser tab; each link works once.");

    public static SalesforceFailure ExpiredState() => new("expired_state", 400, "Authorization expired",
        "The authorization was started too long ago.", "Start again from Rapport (GET …/connections/salesforce/connect) and approve within 10 minutes.");

    private static SalesforceFailure FromAuth(SalesforceAuthException auth)
    {
        if (auth.IsRefreshTokenExpired)
        {
            return new("refresh_token_expired", 409, "Salesforce refresh token expired or revoked",
                $"Error refreshing Salesforce OAuth token: {auth.ErrorDescription}.",
                SalesforceRemedies.RefreshTokenExpired);
        }
        if (auth.IsInactiveUser)
        {
            return new("inactive_user", 409, "Salesforce user inactive", "Error refreshing Salesforce OAuth token: inactive user.",
                SalesforceRemedies.InactiveUser);
        }
        if (auth.IsAuthenticationFailure)
        {
            return new("authentication_failure", 400, "Salesforce login failed", "Salesforce refused the username, password or security token.",
                SalesforceRemedies.AuthenticationFailure);
        }
        if (auth.IsInvalidClient)
        {
            return new("invalid_client", 400, "Connected app not recognised", $"Salesforce rejected the consumer key or secret ({auth.Error}).",
                "Copy the Consumer Key and Consumer Secret again from the connected app (Setup > App Manager > View) and PUT them to …/connections/salesforce.");
        }
        if (auth.Error == "access_denied")
        {
            return AccessDenied(auth.ErrorDescription);
        }
        if (auth.Error == "invalid_grant")
        {
            return new("invalid_grant", 409, "Salesforce refused the grant", $"Salesforce answered invalid_grant: {auth.ErrorDescription}.", Reconnect);
        }
        return new("oauth_error", 502, "Salesforce OAuth error", $"Salesforce answered {auth.Error}: {auth.ErrorDescription}.",
            "Check the connected app settings (callback URL, OAuth scopes \"api\" and \"refresh_token\"), then " + Reconnect[0..1].ToLowerInvariant() + Reconnect[1..]);
    }

    private static SalesforceFailure FromApi(SalesforceApiException api)
    {
        if (api.IsRequestLimitExceeded)
        {
            return new("request_limit_exceeded", 429, "Salesforce API limit reached",
                $"REQUEST_LIMIT_EXCEEDED: {api.SalesforceMessage}",
                SalesforceRemedies.RequestLimitExceeded);
        }
        if (api.IsInsufficientAccess)
        {
            return new("insufficient_access", 409, "Salesforce user lacks permissions", $"{api.ErrorCode}: {api.SalesforceMessage}",
                SalesforceRemedies.InsufficientAccess);
        }
        if (api.IsSessionExpired)
        {
            return new("session_expired", 409, "Salesforce session not accepted", $"{api.ErrorCode}: {api.SalesforceMessage}", Reconnect);
        }
        return new("salesforce_error", 502, "Salesforce error", $"Salesforce answered {(int)api.StatusCode} {api.ErrorCode}: {api.SalesforceMessage}",
            SalesforceRemedies.ServerError);
    }

    private static SalesforceFailure Network(Uri loginUrl, Exception exception) => new("network_failure", 502, "Salesforce unreachable",
        $"Rapport could not reach {loginUrl.GetLeftPart(UriPartial.Authority)} ({exception.GetBaseException().Message}).",
        SalesforceRemedies.Network);
}
