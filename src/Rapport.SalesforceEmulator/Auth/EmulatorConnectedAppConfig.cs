namespace Rapport.SalesforceEmulator.Auth;

/// <summary>One connected app in the emulator config file (Setup → App Manager in a real org).</summary>
public sealed class EmulatorConnectedAppConfig
{
    /// <summary>A display name; shown on the "Allow access" page.</summary>
    public string? Name { get; init; }

    /// <summary>The OAuth <c>client_id</c>.</summary>
    public string ConsumerKey { get; init; } = string.Empty;

    /// <summary>The OAuth <c>client_secret</c>; also the key of the token response <c>signature</c>.</summary>
    public string ConsumerSecret { get; init; } = string.Empty;

    /// <summary>Callback URLs; a <c>redirect_uri</c> must equal one of them exactly.</summary>
    public IReadOnlyList<string> CallbackUrls { get; init; } = [];

    /// <summary>
    /// Skip the login and "Allow" page when the emulator already knows the user (a
    /// <c>login_hint</c>, the config's <see cref="EmulatorConfig.AutoLoginUsername"/> or an earlier
    /// login in the same browser). Real orgs approximate this with "Admin approved users are
    /// pre-authorized".
    /// </summary>
    public bool AutoApprove { get; init; }

    /// <summary>OAuth scopes the app may grant. Defaults to <c>api id refresh_token</c>.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>"Enable Refresh Token Rotation": every refresh returns a new refresh token and retires the old one.</summary>
    public bool RefreshTokenRotation { get; init; }

    /// <summary>
    /// "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow" (both on
    /// by default in Salesforce). When false, PKCE clients may omit <c>client_secret</c>.
    /// </summary>
    public bool RequireSecret { get; init; } = true;

    /// <summary>The "Run As" user of the client credentials flow; without one that grant is refused.</summary>
    public string? ClientCredentialsUser { get; init; }
}
