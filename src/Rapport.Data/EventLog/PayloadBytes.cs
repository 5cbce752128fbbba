using System.Runtime.InteropServices;

namespace Rapport.Data.EventLog;

/// <summary>A payload as the byte array database parameters take, without copying one that already is.</summary>
internal static class PayloadBytes
{
    /// <summary>
    /// Whether <paramref name="payload"/> is a whole array, taken as its own: the log's readers make
    /// arrays of exactly a payload's size, while the tracking API's pooled body buffers are always
    /// larger than what they hold (rented with room for one more byte), so a slice of one never is.
    /// </summary>
    public static bool IsOwnArray(ReadOnlyMemory<byte> payload) => OwnArray(payload) is not null;

    public static byte[] AsArray(ReadOnlyMemory<byte> payload) => OwnArray(payload) ?? payload.ToArray();

    private static byte[]? OwnArray(ReadOnlyMemory<byte> payload)
        => MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : null;
}
