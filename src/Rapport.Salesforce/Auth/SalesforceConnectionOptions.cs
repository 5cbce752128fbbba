using System.Text;

namespace Rapport.Salesforce.Auth;

/// <summary>
/// How to reach one Salesforce org: the login host that issues tokens, the connected app's
/// consumer key and secret, the REST API version, and (for integration users) the
/// username-password credentials used when no refresh token exists.
/// </summary>
public sealed record SalesforceConnectionOptions
{
    /// <summary>The API version used when none is configured ("Winter '25").</summary>
    public const string DefaultApiVersion = "v62.0";

    /// <summary>
    /// Where the OAuth endpoints live: <see cref="SalesforceLoginHosts.Production"/>,
    /// <see cref="SalesforceLoginHosts.Sandbox"/>, a My Domain URL, or any base URL such as the
    /// local emulator (http://127.0.0.1:5080).
    /// </summary>
    public Uri LoginUrl { get; init; } = SalesforceLoginHosts.Production;

    /// <summary>The connected app's consumer key (OAuth <c>client_id</c>).</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The connected app's consumer secret; null for a public client that relies on PKCE alone.</summary>
    public string? ConsumerSecret { get; init; }

    /// <summary>The REST API version, with its leading "v" ("v62.0"); "62.0" is accepted too.</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Username of an integration user (seed 004); enables re-login when there is no refresh token.</summary>
    public string? Username { get; init; }

    /// <summary>The integration user's password, without the security token.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The user's security token, appended to the password as the username-password flow requires
    /// when the caller's IP is outside the org's trusted ranges.
    /// </summary>
    public string? SecurityToken { get; init; }

    /// <summary>True when username and password are set, so the client can log in without a refresh token.</summary>
    public bool HasPasswordCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    /// <summary>The version as used in paths: always "vNN.N".</summary>
    public string NormalizedApiVersion => ApiVersion.StartsWith('v') ? ApiVersion : "v" + ApiVersion;

    /// <summary>Keeps the secret, password and security token out of <c>ToString()</c> and so out of logs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"LoginUrl = {LoginUrl}, ConsumerKey = {ConsumerKey}, ApiVersion = {ApiVersion}, Username = {Username}");
        return true;
    }
}
