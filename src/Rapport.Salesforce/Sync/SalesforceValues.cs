using System.Globalization;
using System.Text.Json;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Field values as the sync engine compares and stores them: invariant strings — numbers as
/// written, <c>true</c>/<c>false</c>, ISO 8601 dates and UTC date-times — whichever way they came
/// (JSON from REST, objects from the engine for CSV).
/// </summary>
internal static class SalesforceValues
{
    /// <summary>A value from a REST record; <paramref name="type"/> is the describe type (datetime values are normalised to UTC).</summary>
    public static string? FromJson(JsonElement value, string? type) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String when type == "datetime" && SalesforceDateTimeConverter.Parse(value.GetString()!) is { } instant => DateTime(instant),
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    /// <summary>A value for a Bulk API CSV cell: null stays null (sent as <c>#N/A</c>, "clear the field").</summary>
    public static string? ToCsv(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => DateTime(d),
        System.DateTime d => DateTime(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonElement e => FromJson(e, null),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static string DateTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && SalesforceDateTimeConverter.Parse(value.GetString()!) is { } instant
            ? instant
            : throw new SalesforceApiException($"The record has no {field}.");
}
