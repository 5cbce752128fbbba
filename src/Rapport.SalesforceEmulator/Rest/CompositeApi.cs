using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// <c>POST /composite</c>: up to 25 subrequests in order, where later ones refer to earlier results
/// with <c>@{referenceId.path}</c> (e.g. <c>@{NewAccount.id}</c>, <c>@{Query.records[0].Id}</c>).
/// Answers <c>{"compositeResponse":[{"body","httpHeaders","httpStatusCode","referenceId"}]}</c>.
/// With <c>allOrNone</c> a failure rolls every subrequest back and the others report
/// PROCESSING_HALTED; without it, only subrequests that depend on a failed one are halted
/// (REST API Developer Guide, "Composite").
/// </summary>
internal static partial class CompositeApi
{
    public const int MaxSubrequests = 25;

    private const string RolledBackMessage = "The transaction was rolled back since another operation in the same transaction failed.";

    public static RestResult Post(RestRequest request)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("compositeRequest", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return RestResult.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize the composite request: expected {\"compositeRequest\": […]}");
            }
            if (items.GetArrayLength() > MaxSubrequests)
            {
                return RestResult.Error(400, "INVALID_COMPOSITE_REQUEST", $"A composite request cannot contain more than {MaxSubrequests} subrequests");
            }
            var allOrNone = root.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
            var responses = request.Services.Store.WriteAll(writer =>
            {
                var results = new List<(string ReferenceId, int Status, byte[]? Body)>();
                var bodies = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                var failed = false;
                foreach (var item in items.EnumerateArray())
                {
                    var referenceId = Text(item, "referenceId") ?? string.Empty;
                    var (status, body) = RunOne(request, item, bodies);
                    failed |= status >= 400;
                    results.Add((referenceId, status, body));
                    if (status < 400 && referenceId.Length > 0)
                    {
                        bodies[referenceId] = body is null ? null : JsonNode.Parse(body);
                    }
                    if (failed && allOrNone)
                    {
                        break;
                    }
                }
                if (failed && allOrNone)
                {
                    writer.RollbackTo(0);
                    var halted = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { new { errorCode = "PROCESSING_HALTED", message = RolledBackMessage } }));
                    var all = items.EnumerateArray().Select(i => Text(i, "referenceId") ?? string.Empty).ToList();
                    return all.Select((referenceId, index) => index < results.Count && results[index].Status >= 400
                        ? results[index]
                        : (referenceId, 400, halted)).ToList();
                }
                return results;
            });
            return RestResult.Ok(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("compositeResponse");
                foreach (var (referenceId, status, body) in responses)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("body");
                    if (body is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteRawValue(body, skipInputValidation: true);
                    }
                    writer.WriteStartObject("httpHeaders");
                    writer.WriteEndObject();
                    writer.WriteNumber("httpStatusCode", status);
                    writer.WriteString("referenceId", referenceId);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
    }

    private static (int Status, byte[]? Body) RunOne(RestRequest request, JsonElement item, Dictionary<string, JsonNode?> bodies)
    {
        var method = Text(item, "method")?.ToUpperInvariant();
        var url = Text(item, "url");
        if (method is null || url is null)
        {
            return Failure(400, "INVALID_COMPOSITE_REQUEST", "Each subrequest needs a method, a url and a referenceId");
        }
        var bodyText = item.TryGetProperty("body", out var body) ? body.GetRawText() : null;
        if (!TryResolve(url, bodies, out var resolvedUrl, out var problem) || (bodyText is not null && !TryResolve(bodyText, bodies, out bodyText, out problem)))
        {
            return Failure(400, "PROCESSING_HALTED", problem!);
        }
        var result = SubRequests.Run(request, method, resolvedUrl!, bodyText is null ? [] : Encoding.UTF8.GetBytes(bodyText));
        return (result.Status, SubRequests.Render(result));
    }

    /// <summary>Replaces every <c>@{referenceId.path}</c> with the value from that subrequest's response body.</summary>
    private static bool TryResolve(string text, Dictionary<string, JsonNode?> bodies, out string? resolved, out string? problem)
    {
        string? failure = null;
        resolved = Reference().Replace(text, match =>
        {
            var expression = match.Groups[1].Value;
            var dot = expression.IndexOfAny(['.', '[']);
            var referenceId = dot < 0 ? expression : expression[..dot];
            if (!bodies.TryGetValue(referenceId, out var node) || Walk(node, dot < 0 ? string.Empty : expression[dot..]) is not { } value)
            {
                failure ??= $"Invalid reference specified. No value for {expression} found in {referenceId}. Provided referenceId ('{referenceId}') must be defined before it is referenced.";
                return match.Value;
            }
            return value;
        });
        problem = failure;
        return failure is null;
    }

    private static string? Walk(JsonNode? node, string path)
    {
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups[1].Success)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(step.Groups[1].Value, out var child) ? child : null;
            }
            else
            {
                var index = int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
            if (node is null)
            {
                return null;
            }
        }
        return node switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value => value.ToJsonString(),
            _ => null,
        };
    }

    private static (int, byte[]) Failure(int status, string errorCode, string message) =>
        (status, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { new { errorCode, message } })));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"@\{([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+|\[\d+\])*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.([A-Za-z0-9_]+)|\[(\d+)\]")]
    private static partial Regex PathStep();
}
