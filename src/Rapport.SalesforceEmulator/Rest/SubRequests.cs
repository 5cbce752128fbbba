using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>Runs the subrequests of <c>/composite</c> and <c>/composite/batch</c> through the same router as top-level calls.</summary>
internal static class SubRequests
{
    /// <summary>
    /// Runs one subrequest. URLs are <c>/services/data/vXX.X/…</c> or, as batch examples write them,
    /// relative to <c>/services/data</c> (<c>vXX.X/…</c>). Nesting composite resources is refused.
    /// </summary>
    public static RestResult Run(RestRequest parent, string method, string url, byte[] body)
    {
        var path = url.StartsWith("/services/data/", StringComparison.Ordinal) ? url["/services/data/".Length..] : url.TrimStart('/');
        var queryStart = path.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? QueryHelpers.ParseQuery(path[queryStart..]) : [];
        if (queryStart >= 0)
        {
            path = path[..queryStart];
        }
        var parts = path.Split('/');
        if (parts.Length == 0 || parts[0].Length < 2 || parts[0][0] != 'v' || !ApiVersions.IsSupported(parts[0][1..]))
        {
            return RestResult.NotFound();
        }
        if (parts.Length > 1 && parts[1] == "composite" && !(parts.Length > 2 && parts[2] == "sobjects"))
        {
            return RestResult.Error(400, "INVALID_BATCH_REQUEST", "Composite and batch requests cannot be nested");
        }
        var sub = new RestRequest
        {
            Method = method,
            Version = parts[0][1..],
            Segments = RestEndpoints.Segments(parts.Skip(1).Select(Uri.UnescapeDataString)),
            Query = new QueryCollection(query),
            Headers = parent.Headers,
            Body = body,
            Session = parent.Session,
            Services = parent.Services,
        };
        return RestRouter.Route(sub);
    }

    /// <summary>The JSON body of a result, or null for none (204).</summary>
    public static byte[]? Render(RestResult result)
    {
        if (result.Json is null)
        {
            return result.Text is null ? null : JsonSerializer.SerializeToUtf8Bytes(result.Text);
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result.Json(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
