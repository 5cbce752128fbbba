using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Rapport.Server.Assets;

/// <summary>
/// A file embedded in this assembly (the browser snippet, the console's stylesheet and script) as
/// served: its bytes, a gzip copy made once at start-up, and an entity tag for each, so browsers
/// revalidate with a 304 instead of downloading it again.
/// </summary>
public sealed class EmbeddedAsset
{
    private EmbeddedAsset(byte[] plain, string contentType)
    {
        Plain = plain;
        ContentType = contentType;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        Gzipped = buffer.ToArray();
        Hash = Convert.ToHexStringLower(SHA256.HashData(plain).AsSpan(0, 12));
        ETag = $"\"{Hash}\"";
        GzipETag = $"\"{Hash}-gz\"";
    }

    /// <summary>The file as written.</summary>
    public ReadOnlyMemory<byte> Plain { get; }

    /// <summary>The file gzip-compressed.</summary>
    public ReadOnlyMemory<byte> Gzipped { get; }

    /// <summary>The media type it is served as.</summary>
    public string ContentType { get; }

    /// <summary>A short hex digest of the content, for version query strings.</summary>
    public string Hash { get; }

    /// <summary>The strong entity tag of <see cref="Plain"/>.</summary>
    public string ETag { get; }

    /// <summary>The entity tag of <see cref="Gzipped"/> (a different representation, so a different tag).</summary>
    public string GzipETag { get; }

    /// <summary>Reads an embedded resource by its logical name (set in Rapport.Server.csproj).</summary>
    public static EmbeddedAsset Load(string resourceName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {resourceName} is missing; Rapport.Server.csproj embeds it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(copy.ToArray(), contentType);
    }

    /// <summary>
    /// Answers a GET or HEAD: 304 when the browser's copy is current, otherwise the bytes (gzip when accepted).
    /// </summary>
    public IResult Serve(HttpContext context, string cacheControl)
    {
        var request = context.Request;
        var response = context.Response;
        var gzip = AcceptsGzip(request);
        response.Headers.ETag = gzip ? GzipETag : ETag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        if (IsCurrent(request))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }
        return TypedResults.Bytes(gzip ? Gzipped : Plain, ContentType);
    }

    private static bool AcceptsGzip(HttpRequest request)
        => request.GetTypedHeaders().AcceptEncoding.Any(e =>
            e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);

    // Either representation's tag revalidates: both name the same content.
    private bool IsCurrent(HttpRequest request)
        => request.GetTypedHeaders().IfNoneMatch.Any(tag =>
            tag.Equals(EntityTagHeaderValue.Any)
            || tag.Tag.Equals(ETag, StringComparison.Ordinal)
            || tag.Tag.Equals(GzipETag, StringComparison.Ordinal));
}
