namespace Rapport.Salesforce.Sync;

/// <summary>
/// What a person does about each Salesforce failure class, in one place so the connection check
/// (Rapport.Server's <c>SalesforceFailures</c>) and sync runs give the same advice.
/// </summary>
public static class SalesforceRemedies
{
    /// <summary>The connection's tokens are gone or refused.</summary>
    public const string Reconnect = "Reconnect: establish the connection again (POST …/connections/salesforce/authorize, or GET …/connect in a browser).";

    /// <summary>The refresh token expired or was revoked.</summary>
    public const string RefreshTokenExpired = Reconnect + " To stop it recurring, set the connected app's Refresh Token Policy to \"Refresh token is valid until revoked\".";

    /// <summary>The integration user was deactivated.</summary>
    public const string InactiveUser = "Reactivate the integration user in Salesforce (Setup > Users), or reconnect: establish the connection again (POST …/connections/salesforce/authorize, or GET …/connect in a browser) as an active user.";

    /// <summary>Wrong username, password or security token.</summary>
    public const string AuthenticationFailure = "Check the three values; after a password change Salesforce emails a new security token (Settings > Reset My Security Token).";

    /// <summary>The daily API request limit is used up.</summary>
    public const string RequestLimitExceeded = "The org used its daily API requests (a rolling 24 hours). Wait for calls to free up or raise the limit in Salesforce; synchronization resumes where it stopped.";

    /// <summary>The integration user lacks a permission.</summary>
    public const string InsufficientAccess = "Give the integration user's profile or permission set \"API Enabled\" and \"Modify All Data\" (needed to create custom fields), then run the check again.";

    /// <summary>Salesforce answered with a server error.</summary>
    public const string ServerError = "Run the check again later; if it persists, see Salesforce's status page (status.salesforce.com).";

    /// <summary>Salesforce could not be reached.</summary>
    public const string Network = "Check the login host (sandbox switch, My Domain) and that this server can reach it (DNS, proxy, firewall), then run the check again.";
}
