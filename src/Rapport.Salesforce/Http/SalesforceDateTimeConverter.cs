using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Reads Salesforce date-times, which use an offset without a colon
/// (<c>2024-01-02T03:04:05.000+0000</c>) that ISO 8601 readers reject; writes UTC with "Z".
/// </summary>
internal sealed class SalesforceDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected a date-time string.");
        return Parse(text) ?? throw new JsonException($"'{text}' is not a Salesforce date-time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public static DateTimeOffset? Parse(string text)
    {
        // "+0000" → "+00:00" so the round-trip parser accepts it.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]))
        {
            text = text[..^2] + ":" + text[^2..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }
}
