using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Sync.Push;

/// <summary>
/// The field-level change journal kept on each link (<c>PushedValues</c>: CRM field → last value
/// pushed successfully) and the CRM's side of two-way fields (<c>PulledValues</c>). Values are
/// compared in <see cref="PushValueFormatter"/>'s canonical text form.
/// </summary>
internal static class PushJournal
{
    /// <summary>A link's stored values (pushed or pulled), field → canonical text.</summary>
    public static Dictionary<string, string?> Read(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return values;
        }
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = PushValueFormatter.Canonical(property.Value);
        }
        return values;
    }

    /// <summary>The journal after a successful push of <paramref name="sent"/>: sent values replace old ones, a cleared field leaves it.</summary>
    public static string Merge(string? json, IReadOnlyDictionary<string, object?> sent)
    {
        var root = (string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject) ?? [];
        foreach (var (field, value) in sent)
        {
            if (value is null)
            {
                root.Remove(field);
                continue;
            }
            root[field] = value switch
            {
                decimal number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                _ => JsonValue.Create(PushValueFormatter.Canonical(value)),
            };
        }
        return root.ToJsonString();
    }

    /// <summary>
    /// Fingerprint of what was sent to one record: a rejected payload is not sent again until the
    /// record's values or the mapping (field names) change, either of which changes this hash.
    /// </summary>
    public static string PayloadHash(string objectType, string recordId, IReadOnlyDictionary<string, object?> fields)
    {
        var text = new StringBuilder().Append(objectType).Append('\n').Append(recordId);
        foreach (var (field, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(field).Append('=').Append(PushValueFormatter.Canonical(value) ?? "\u0000");
        }
        return Sha256Hex.Of(text.ToString());
    }
}
