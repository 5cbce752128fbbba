namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Character sets for generated secrets and tokens.</summary>
internal static class TokenAlphabet
{
    public const string AlphaNumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
}
