using System.Text.Json;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Reads Salesforce error bodies. The REST API answers failures with an array
/// <c>[{"message","errorCode","fields"}]</c> ("Status Codes and Error Responses"); save results
/// carry <c>{"statusCode","message","fields"}</c>; a few endpoints answer with one object.
/// </summary>
internal static class SalesforceErrorParser
{
    public static IReadOnlyList<SalesforceError> Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement);
        }
        catch (JsonException)
        {
            // Plain text such as the identity URL's "Bad_OAuth_Token", or an HTML error page.
            var text = body.Trim();
            return [new SalesforceError(text.Length <= 64 && !text.Contains(' ', StringComparison.Ordinal) ? text : "UNKNOWN_ERROR", text.Length > 500 ? text[..500] : text, [])];
        }
    }

    public static IReadOnlyList<SalesforceError> Parse(JsonElement element)
    {
        var errors = new List<SalesforceError>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    errors.Add(ParseOne(item));
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            errors.Add(ParseOne(element));
        }
        return errors;
    }

    public static SalesforceError ParseOne(JsonElement item)
    {
        var code = String(item, "errorCode") ?? String(item, "statusCode") ?? String(item, "error") ?? "UNKNOWN_ERROR";
        var message = String(item, "message") ?? String(item, "error_description") ?? string.Empty;
        var fields = new List<string>();
        if (item.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in f.EnumerateArray())
            {
                if (field.ValueKind == JsonValueKind.String)
                {
                    fields.Add(field.GetString()!);
                }
            }
        }
        return new SalesforceError(code, message, fields);
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
