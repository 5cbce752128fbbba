using System.Text.Json;

namespace Rapport.Sync.Pull;

/// <summary>
/// The <c>crm_links.PulledValues</c> document: CRM field → last value pulled, as a JSON string or
/// null. Pulled values are kept as the text the CRM sent (numbers and booleans too): comparing and
/// storing text is exact, and the profile shows what Salesforce shows.
/// </summary>
public static class PulledValues
{
    public static Dictionary<string, string?> Read(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }
        return values;
    }

    public static string Write(IReadOnlyDictionary<string, string?> values)
        => JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
}
