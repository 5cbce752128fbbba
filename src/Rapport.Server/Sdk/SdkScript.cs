using System.IO.Compression;
using System.Security.Cryptography;

namespace Rapport.Server.Sdk;

/// <summary>
/// The browser snippet (<c>sdk/js/rapport.js</c>, embedded in this assembly) as served: its bytes,
/// a gzip copy made once at start-up, and an entity tag for each, so browsers revalidate with a
/// 304 instead of downloading it again.
/// </summary>
public sealed class SdkScript
{
    private const string ResourceName = "Rapport.Server.Sdk.rapport.js";

    private SdkScript(byte[] plain)
    {
        Plain = plain;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        Gzipped = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(plain).AsSpan(0, 12));
        ETag = $"\"{hash}\"";
        GzipETag = $"\"{hash}-gz\"";
    }

    /// <summary>The script as written in sdk/js.</summary>
    public ReadOnlyMemory<byte> Plain { get; }

    /// <summary>The script gzip-compressed.</summary>
    public ReadOnlyMemory<byte> Gzipped { get; }

    /// <summary>The strong entity tag of <see cref="Plain"/>.</summary>
    public string ETag { get; }

    /// <summary>The entity tag of <see cref="Gzipped"/> (a different representation, so a different tag).</summary>
    public string GzipETag { get; }

    /// <summary>Reads the embedded script.</summary>
    public static SdkScript Load()
    {
        using var stream = typeof(SdkScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; Rapport.Server.csproj embeds sdk/js/rapport.js.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new SdkScript(copy.ToArray());
    }
}
