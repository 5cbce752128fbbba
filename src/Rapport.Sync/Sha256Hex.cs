using System.Security.Cryptography;
using System.Text;

namespace Rapport.Sync;

/// <summary>SHA-256 of a text as 64 lower-case hex digits: the form every stored sync hash takes (cursors, rejected pushes, error keys).</summary>
public static class Sha256Hex
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
