using System.Text.Json;

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
        var body = item.TryGetProperty("richInput", out var input) ? JsonSerializer.SerializeToUtf8Bytes(input) : [];
        return SubRequests.Run(parent, method, url, body);
    }

    private static byte[]? Render(RestResult result) => SubRequests.Render(result);
}
