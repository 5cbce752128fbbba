using System.Net.Sockets;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Http;

namespace Rapport.Server.Integrations;

/// <summary>Sorts exceptions from the Salesforce client into <see cref="SalesforceFailure"/> classes.</summary>
public static class SalesforceFailures
{
    public const string Reconnect = "Reconnect: establish the connection again (POST …/connections/salesforce/authorize, or GET …/connect in a browser).";

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
                Reconnect + " To stop it recurring, set the connected app's Refresh Token Policy to \"Refresh token is valid until revoked\".");
        }
        if (auth.IsInactiveUser)
        {
            return new("inactive_user", 409, "Salesforce user inactive", "Error refreshing Salesforce OAuth token: inactive user.",
                "Reactivate the integration user in Salesforce (Setup > Users), or " + Reconnect[0..1].ToLowerInvariant() + Reconnect[1..] + " as an active user.");
        }
        if (auth.IsAuthenticationFailure)
        {
            return new("authentication_failure", 400, "Salesforce login failed", "Salesforce refused the username, password or security token.",
                "Check the three values; after a password change Salesforce emails a new security token (Settings > Reset My Security Token).");
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
                "The org used its daily API requests (a rolling 24 hours). Wait for calls to free up or raise the limit in Salesforce; synchronization resumes where it stopped.");
        }
        if (api.IsInsufficientAccess)
        {
            return new("insufficient_access", 409, "Salesforce user lacks permissions", $"{api.ErrorCode}: {api.SalesforceMessage}",
                "Give the integration user's profile or permission set \"API Enabled\" and \"Modify All Data\" (needed to create custom fields), then run the check again.");
        }
        if (api.IsSessionExpired)
        {
            return new("session_expired", 409, "Salesforce session not accepted", $"{api.ErrorCode}: {api.SalesforceMessage}", Reconnect);
        }
        return new("salesforce_error", 502, "Salesforce error", $"Salesforce answered {(int)api.StatusCode} {api.ErrorCode}: {api.SalesforceMessage}",
            "Run the check again later; if it persists, see Salesforce's status page (status.salesforce.com).");
    }

    private static SalesforceFailure Network(Uri loginUrl, Exception exception) => new("network_failure", 502, "Salesforce unreachable",
        $"Rapport could not reach {loginUrl.GetLeftPart(UriPartial.Authority)} ({exception.GetBaseException().Message}).",
        "Check the login host (sandbox switch, My Domain) and that this server can reach it (DNS, proxy, firewall), then run the check again.");
}
