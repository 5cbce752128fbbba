using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// Proof Key for Code Exchange with the S256 method (RFC 7636 §4.2), the only method Salesforce
/// documents: <c>code_challenge = BASE64URL(SHA256(code_verifier))</c>.
/// </summary>
internal static class Pkce
{
    /// <summary>A challenge is the base64url form of a 32-byte hash: 43 characters, no padding.</summary>
    public static bool IsWellFormedChallenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool Verifies(string? verifier, string challenge)
    {
        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }
        var computed = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
