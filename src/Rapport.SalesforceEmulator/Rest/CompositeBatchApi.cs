using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// <c>POST /composite/batch</c>: up to 25 independent subrequests run in order, answered as
/// <c>{"hasErrors", "results":[{"statusCode","result"}]}</c>. With <c>haltOnError</c>, the
/// subrequests after the first failure are answered 412 BATCH_PROCESSING_HALTED (REST API Developer
/// Guide, "Batch"). The whole batch is one API call.
/// </summary>
internal static class CompositeBatchApi
{
    public const int MaxSubrequests = 25;

    public static RestResult Post(RestRequest request)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("batchRequests", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                return RestResult.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize the batch request: expected {\"batchRequests\": […]}");
            }
            if (batch.GetArrayLength() > MaxSubrequests)
            {
                return RestResult.Error(400, "INVALID_BATCH_REQUEST", $"A batch cannot contain more than {MaxSubrequests} requests");
            }
            var haltOnError = root.TryGetProperty("haltOnError", out var halt) && halt.ValueKind == JsonValueKind.True;
            var results = new List<(int Status, byte[]? Body)>();
            var halted = false;
            var hasErrors = false;
            foreach (var item in batch.EnumerateArray())
            {
                if (halted)
                {
                    results.Add((412, Render(RestResult.Error(412, "BATCH_PROCESSING_HALTED", "Batch processing halted per request"))));
                    continue;
                }
                var result = Run(request, item);
                var failed = result.Status >= 400;
                hasErrors |= failed;
                halted = failed && haltOnError;
                results.Add((result.Status, Render(result)));
            }
            return RestResult.Ok(writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("hasErrors", hasErrors);
                writer.WriteStartArray("results");
                foreach (var (status, body) in results)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("statusCode", status);
                    writer.WritePropertyName("result");
                    if (body is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteRawValue(body, skipInputValidation: true);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
    }

    private static RestResult Run(RestRequest parent, JsonElement item)
    {
        var method = item.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!.ToUpperInvariant() : null;
        var url = item.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
        if (method is null || url is null)
        {
            return RestResult.Error(400, "INVALID_BATCH_REQUEST", "Each batch request needs a method and a url");
        }
        // Subrequest URLs are relative to /services/data ("v66.0/sobjects/…"); the full path is accepted too.
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
        if (parts.Length > 1 && parts[1] == "composite")
        {
            return RestResult.Error(400, "INVALID_BATCH_REQUEST", "Composite requests cannot be nested in a batch");
        }
        var body = item.TryGetProperty("richInput", out var input) ? JsonSerializer.SerializeToUtf8Bytes(input) : [];
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

    private static byte[]? Render(RestResult result)
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
