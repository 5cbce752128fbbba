using System.Text.Json;
using Rapport.Salesforce.Rest;

namespace Rapport.Salesforce.Http;

/// <summary>Reads save results, whose errors name their code <c>statusCode</c> rather than <c>errorCode</c>.</summary>
internal static class SaveResultParser
{
    public static SaveResult Parse(JsonElement item)
    {
        var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var success = item.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
        bool? created = item.TryGetProperty("created", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : null;
        var errors = item.TryGetProperty("errors", out var e) ? SalesforceErrorParser.Parse(e) : [];
        return new SaveResult(id, success, created, errors);
    }

    public static List<SaveResult> ParseArray(JsonElement array)
    {
        var results = new List<SaveResult>(array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0);
        if (array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                results.Add(Parse(item));
            }
        }
        return results;
    }
}
