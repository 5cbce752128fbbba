namespace Rapport.SalesforceEmulator.Auth;

/// <summary>A refresh token: valid until revoked ("Refresh token is valid until revoked", the connected app default).</summary>
internal sealed record RefreshGrant(string Token, string GrantId, string UserId, string ConsumerKey, string Scope);
