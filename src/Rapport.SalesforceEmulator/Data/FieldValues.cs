using System.Globalization;
using System.Text.Json;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Converts field values between their stored CLR form and the wire: JSON bodies, CSV cells and
/// the REST output format (dateTime as <c>2024-05-01T10:15:00.000+0000</c>, date as
/// <c>2024-05-01</c>, as the REST API Developer Guide's examples show).
/// </summary>
internal static class FieldValues
{
    public static readonly object True = true;
    public static readonly object False = false;

    /// <summary>Salesforce's dateTime output format.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'";

    public static object Box(bool value) => value ? True : False;

    public static string ToInvariantString(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Writes a stored value as JSON the way the REST API renders it.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case DateTimeOffset dto:
                WriteDateTime(writer, dto.UtcDateTime);
                break;
            case DateTime dt:
                WriteDateTime(writer, dt);
                break;
            case DateOnly d:
                writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(ToInvariantString(value));
                break;
        }
    }

    /// <summary>
    /// Writes <see cref="DateTimeFormat"/> digit by digit: query pages render thousands of
    /// date-times, and a custom format string is parsed on every call.
    /// </summary>
    private static void WriteDateTime(Utf8JsonWriter writer, DateTime value)
    {
        Span<byte> text = stackalloc byte[28];
        Digits(text[..4], value.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), value.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), value.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), value.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), value.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), value.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), value.Millisecond);
        "+0000"u8.CopyTo(text[23..]);
        writer.WriteStringValue(text);

        static void Digits(Span<byte> target, int number)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                target[i] = (byte)('0' + number % 10);
                number /= 10;
            }
        }
    }

    /// <summary>
    /// Converts a JSON value to the field's stored form. Salesforce's JSON deserializer accepts
    /// strings for numbers and booleans; anything else it cannot map fails the whole request with
    /// JSON_PARSER_ERROR.
    /// </summary>
    public static bool TryFromJson(FieldDefinition field, JsonElement element, out object? value, out string? problem)
    {
        problem = null;
        value = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            problem = $"Cannot deserialize instance of {field.SoapType[4..]} from {(element.ValueKind == JsonValueKind.Object ? "START_OBJECT" : "START_ARRAY")} value";
            return false;
        }
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        };
        if (element.ValueKind == JsonValueKind.String && field.Type is not (SalesforceFieldType.String or SalesforceFieldType.TextArea
            or SalesforceFieldType.Email or SalesforceFieldType.Phone or SalesforceFieldType.Url or SalesforceFieldType.Picklist
            or SalesforceFieldType.Id or SalesforceFieldType.Reference) && text.Length == 0)
        {
            return true;
        }
        if (TryParse(field, text, out value))
        {
            return true;
        }
        var kind = element.ValueKind == JsonValueKind.String ? "VALUE_STRING" : element.ValueKind == JsonValueKind.Number ? "VALUE_NUMBER" : "VALUE_" + element.ValueKind.ToString().ToUpperInvariant();
        problem = $"Cannot deserialize instance of {field.SoapType[4..]} from {kind} value {text} or request may be missing a required field";
        return false;
    }

    /// <summary>Parses text (a CSV cell, a URL segment) to the field's stored form; empty text is null.</summary>
    public static bool TryParse(FieldDefinition field, string text, out object? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        switch (field.Type)
        {
            case SalesforceFieldType.Boolean:
                if (bool.TryParse(text, out var b))
                {
                    value = Box(b);
                    return true;
                }
                if (text is "1" or "0")
                {
                    value = Box(text == "1");
                    return true;
                }
                return false;
            case SalesforceFieldType.Int:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && whole == decimal.Truncate(whole)
                    && whole is >= int.MinValue and <= int.MaxValue)
                {
                    value = (int)whole;
                    return true;
                }
                return false;
            case SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    value = field.Scale > 0 || number.Scale > 0 ? Math.Round(number, Math.Max(field.Scale, 0)) : number;
                    return true;
                }
                return false;
            case SalesforceFieldType.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    value = date;
                    return true;
                }
                if (TryParseDateTime(text, out var asDateTime))
                {
                    value = DateOnly.FromDateTime(asDateTime);
                    return true;
                }
                return false;
            case SalesforceFieldType.DateTime:
                if (TryParseDateTime(text, out var dateTime))
                {
                    value = dateTime;
                    return true;
                }
                return false;
            default:
                value = text;
                return true;
        }
    }

    /// <summary>Parses ISO 8601 date-times in the forms clients send (<c>Z</c>, <c>+0000</c>, <c>+00:00</c>, no zone = UTC).</summary>
    public static bool TryParseDateTime(string text, out DateTime value)
    {
        var normalized = text;
        // "+0000" (Salesforce's own output form) is not understood by DateTimeOffset; add the colon.
        if (normalized.Length > 5 && (normalized[^5] == '+' || normalized[^5] == '-') && char.IsAsciiDigit(normalized[^4]) && normalized[^3] != ':')
        {
            normalized = normalized[..^2] + ":" + normalized[^2..];
        }
        if (DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && normalized.Contains('T', StringComparison.Ordinal))
        {
            value = Truncate(parsed.UtcDateTime);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Salesforce keeps date-times to the millisecond.</summary>
    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
