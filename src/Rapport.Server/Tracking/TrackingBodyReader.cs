using System.Buffers;
using System.IO.Compression;
using Rapport.Core.Tracking;

namespace Rapport.Server.Tracking;

/// <summary>
/// Reads a tracking request body, gunzipping it when <c>Content-Encoding: gzip</c>, and refuses
/// it once it passes the batch limit (after decompression, so a small gzip bomb is refused too).
/// </summary>
internal static class TrackingBodyReader
{
    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream source = request.Body;
        GZipStream? gzip = null;
        if (encoding.Length > 0)
        {
            if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
                source = gzip;
            }
            else if (!encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                return BodyReadResult.Fail(StatusCodes.Status415UnsupportedMediaType,
                    $"Content-Encoding \"{encoding}\" is not supported; send the body plain or with gzip.");
            }
        }

        var limit = TrackingLimits.MaxBatchBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and < TrackingLimits.MaxBatchBytes && gzip is null
            ? (int)request.ContentLength.Value + 1
            : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return TooLarge();
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return TooLarge();
                }
            }
        }
        catch (InvalidDataException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return BodyReadResult.Fail(StatusCodes.Status400BadRequest, "The body is marked gzip but is not valid gzip data.");
        }
        finally
        {
            if (gzip is not null)
            {
                await gzip.DisposeAsync();
            }
        }
        return new BodyReadResult(buffer, length, 0, null);
    }

    private static BodyReadResult TooLarge() => BodyReadResult.Fail(StatusCodes.Status413PayloadTooLarge,
        "The request body is larger than 500 KB, the limit for one request; split the batch into smaller ones.");
}
