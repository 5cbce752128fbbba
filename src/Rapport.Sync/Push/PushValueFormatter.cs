using System.Globalization;
using System.Text.Json;
using Rapport.Core.Profiles;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Push;

/// <summary>
/// Turns attribute and KPI values into what a CRM field of a given type accepts: numbers as
/// <see cref="decimal"/>, checkboxes as <see cref="bool"/>, text and dates as invariant strings
/// (date-times ISO 8601 in UTC). The same canonical text form serves the change journal, the
/// two-way comparison and the rejected-payload hash, so "equal" means the same thing everywhere.
/// </summary>
internal static class PushValueFormatter
{
    /// <summary>Salesforce's limits for the text fields Rapport creates (Text(255), Long Text Area(131072)).</summary>
    public const int TextLength = 255;
    public const int LongTextLength = 131_072;

    private const string EventsPrefix = PushKpi.EventsPrefix;

    public static CrmFieldType TypeOf(PushField field)
    {
        if (field.Type is { } type)
        {
            return type;
        }
        if (field.Source == PushValueSource.Attribute)
        {
            return CrmFieldType.Text;
        }
        return field.Name switch
        {
            "lastSeen" or "firstSeen" => CrmFieldType.DateTime,
            "sessions" or "daysActive30" or "npsScore" or "totalEvents" => CrmFieldType.Number,
            "npsFeedback" => CrmFieldType.LongText,
            _ when field.Name.StartsWith(EventsPrefix, StringComparison.Ordinal) => CrmFieldType.Number,
            _ => CrmFieldType.Text,
        };
    }

    /// <summary>An attribute's value for a field of <paramref name="type"/>; null when absent or not convertible.</summary>
    public static object? FromJson(JsonElement? value, CrmFieldType type)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        };
        return type switch
        {
            CrmFieldType.Number => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Normalize(number) : null,
            CrmFieldType.Checkbox => element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => element.GetDecimal() != 0,
                _ => bool.TryParse(text, out var flag) ? flag : null,
            },
            CrmFieldType.DateTime => ToInstant(element, text) is { } at ? IsoDateTime(at) : null,
            CrmFieldType.Date => ToInstant(element, text) is { } day ? day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            CrmFieldType.LongText => Truncate(text, LongTextLength),
            _ => Truncate(text, TextLength),
        };
    }

    /// <summary>A KPI's value; <paramref name="today"/> is the dataset-local day number "days active" counts back from.</summary>
    public static object? FromKpi(string name, ActivityKpis kpis, int today, CrmFieldType type)
    {
        object? raw = name switch
        {
            "lastSeen" => kpis.LastSeenMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(kpis.LastSeenMs) : null,
            "firstSeen" => kpis.FirstSeenMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(kpis.FirstSeenMs) : null,
            "sessions" => (decimal)kpis.Sessions,
            "totalEvents" => (decimal)kpis.TotalEvents,
            "daysActive30" => (decimal)kpis.DaysActive(30, today),
            "npsScore" => kpis.NpsScore is { } score ? (decimal)score : null,
            "npsFeedback" => kpis.NpsFeedback,
            // An event never seen counts zero: "0 downloads" is a fact worth showing in the CRM.
            _ when name.StartsWith(EventsPrefix, StringComparison.Ordinal) => (decimal)kpis.EventCounts.GetValueOrDefault(name[EventsPrefix.Length..]),
            _ => null,
        };
        return raw switch
        {
            null => null,
            DateTimeOffset at when type == CrmFieldType.DateTime => IsoDateTime(at),
            DateTimeOffset at when type == CrmFieldType.Date => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset at when type == CrmFieldType.Number => (decimal)at.ToUnixTimeMilliseconds(),
            DateTimeOffset at => IsoDateTime(at),
            decimal number when type == CrmFieldType.Checkbox => number != 0,
            decimal number when type is CrmFieldType.Text or CrmFieldType.LongText => Canonical(number),
            decimal number => Normalize(number),
            string text => Truncate(text, type == CrmFieldType.LongText ? LongTextLength : TextLength),
            _ => raw,
        };
    }

    /// <summary>The text form of a formatted value; null stays null.</summary>
    public static string? Canonical(object? value) => value switch
    {
        null => null,
        decimal number => Normalize(number).ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        string text => text,
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The text form of a stored (journal or pulled) JSON value.</summary>
    public static string? Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.TryGetDecimal(out var number) ? Canonical(number) : value.GetRawText(),
        _ => value.GetRawText(),
    };

    /// <summary>
    /// Whether two text forms mean the same value: identical, or the same number, or the same
    /// instant (the CRM answers <c>2024-01-02T03:04:05.000+0000</c> for what Rapport sent as <c>…Z</c>).
    /// </summary>
    public static bool SameValue(string? a, string? b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }
        if (a is null || b is null)
        {
            return false;
        }
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x == y;
        }
        return a.Length >= 19 && b.Length >= 19
            && TryParseInstant(a, out var p) && TryParseInstant(b, out var q) && p == q;
    }

    private static DateTimeOffset? ToInstant(JsonElement element, string text)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        return TryParseInstant(text, out var at) ? at : null;
    }

    private static bool TryParseInstant(string text, out DateTimeOffset at)
    {
        // Salesforce writes offsets without a colon (+0000), which DateTimeOffset.Parse does not accept.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }

    private static string IsoDateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops trailing zeros so 3 and 3.0 journal the same.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
