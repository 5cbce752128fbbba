using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Core.Profiles;

namespace Rapport.Data.Processing;

/// <summary>Reads and writes the JSON documents profiles keep their attributes and KPIs in.</summary>
public static class ProfileDocuments
{
    public static string WriteAttributes(AttributeSet attributes)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, attribute) in attributes.Values)
            {
                writer.WriteStartObject(name);
                writer.WritePropertyName("v"u8);
                attribute.Value.WriteTo(writer);
                writer.WriteString("s"u8, attribute.Source);
                writer.WriteNumber("t"u8, attribute.UpdatedAtMs);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static AttributeSet ReadAttributes(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new List<KeyValuePair<string, ProfileAttribute>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            values.Add(new(property.Name, new ProfileAttribute(
                value.GetProperty("v"u8).Clone(),
                value.GetProperty("s"u8).GetString()!,
                value.GetProperty("t"u8).GetInt64())));
        }
        return new AttributeSet(values);
    }

    public static string WriteKpis(ActivityKpis kpis) => JsonSerializer.Serialize(kpis, KpisJsonContext.Default.ActivityKpis);

    public static ActivityKpis ReadKpis(string json)
        => JsonSerializer.Deserialize(json, KpisJsonContext.Default.ActivityKpis) ?? new ActivityKpis();
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ActivityKpis))]
internal sealed partial class KpisJsonContext : JsonSerializerContext;
