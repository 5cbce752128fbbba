using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Salesforce.Auth;

/// <summary>
/// PKCE (RFC 7636) with the S256 method, as Salesforce's web server flow documents it:
/// <c>code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))</c>.
/// </summary>
public static class Pkce
{
    /// <summary>
    /// A fresh verifier: 32 random bytes, base64url without padding (43 characters, within the
    /// RFC's 43–128 and only from its unreserved alphabet).
    /// </summary>
    public static string CreateVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 challenge for <paramref name="verifier"/>.</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>A random, unguessable <c>state</c> value binding the callback to the browser session.</summary>
    public static string CreateState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
