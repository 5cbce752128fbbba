namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// A code handed to the callback URL by the authorize endpoint. Salesforce documents it as valid
/// for 15 minutes and usable once.
/// </summary>
internal sealed record AuthorizationCode(
    string Code,
    string ConsumerKey,
    string RedirectUri,
    string UserId,
    string Scope,
    string? CodeChallenge,
    DateTimeOffset ExpiresAt);
