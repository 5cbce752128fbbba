using System.Text.Json;

namespace Rapport.Salesforce.Http;

/// <summary>Writes records as the sObject resources expect: field values, plus <c>attributes.type</c> in collections.</summary>
internal static class RecordJsonWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> record, string? type)
    {
        writer.WriteStartObject();
        if (type is not null)
        {
            writer.WriteStartObject("attributes");
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }
        foreach (var (name, value) in record)
        {
            if (string.Equals(name, "attributes", StringComparison.Ordinal))
            {
                continue;
            }
            writer.WritePropertyName(name);
            // Null is written, not skipped: it is how a field is cleared.
            JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), SalesforceJson.Options);
        }
        writer.WriteEndObject();
    }

    public static byte[] Serialize(IReadOnlyDictionary<string, object?> record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record, type: null);
        }
        return buffer.ToArray();
    }
}
