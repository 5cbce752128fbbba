namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Scope arithmetic for the authorize and token endpoints.</summary>
internal static class OAuthScopes
{
    /// <summary>What a connected app grants when its config names no scopes.</summary>
    public static readonly IReadOnlyList<string> Default = ["api", "id", "web", "full", "refresh_token", "offline_access"];

    public static IReadOnlyList<string> Of(EmulatorConnectedAppConfig app) => app.Scopes is { Count: > 0 } scopes ? scopes : Default;

    /// <summary>
    /// The scopes granted for a request: all of the app's when none are asked for, else the asked
    /// ones, which must all be among the app's (null when one is not).
    /// </summary>
    public static string? Grant(EmulatorConnectedAppConfig app, string? requested)
    {
        var allowed = Of(app);
        if (string.IsNullOrWhiteSpace(requested))
        {
            return string.Join(' ', allowed);
        }
        var asked = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return asked.All(s => allowed.Contains(s, StringComparer.Ordinal)) ? string.Join(' ', asked.Distinct(StringComparer.Ordinal)) : null;
    }

    /// <summary>Salesforce issues a refresh token only when refresh_token (or its alias offline_access) was granted.</summary>
    public static bool AllowsRefresh(string scope) =>
        scope.Split(' ').Any(s => s is "refresh_token" or "offline_access");
}
