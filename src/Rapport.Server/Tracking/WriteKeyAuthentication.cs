using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Rapport.Server.Tracking;

/// <summary>
/// Finds the write key of a tracking request: HTTP Basic with the key as user name and an empty
/// password (Segment's documented scheme), the key as password (some RudderStack-style SDKs), or
/// a <c>writeKey</c> field in the body.
/// </summary>
internal static class WriteKeyAuthentication
{
    public static string? FindWriteKey(HttpRequest request, JsonElement body)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var encoded = header.AsSpan(6).Trim();
            var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
            if (Convert.TryFromBase64Chars(encoded, bytes, out var written))
            {
                var credentials = Encoding.UTF8.GetString(bytes, 0, written);
                var colon = credentials.IndexOf(':', StringComparison.Ordinal);
                var user = colon < 0 ? credentials : credentials[..colon];
                var password = colon < 0 ? "" : credentials[(colon + 1)..];
                var key = user.Length > 0 ? user : password;
                if (key.Length > 0)
                {
                    return key;
                }
            }
        }
        if (body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("writeKey"u8, out var writeKey)
            && writeKey.ValueKind == JsonValueKind.String)
        {
            return writeKey.GetString();
        }
        return null;
    }
}
