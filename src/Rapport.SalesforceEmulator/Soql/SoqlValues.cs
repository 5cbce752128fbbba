namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Reads stored values (string, bool, decimal/double/long/int, DateTimeOffset, DateOnly) the way SOQL compares them.</summary>
internal static class SoqlValues
{
    /// <summary>Empty text is null in Salesforce.</summary>
    public static string? Text(object? value) => value is string { Length: > 0 } s ? s : null;

    /// <summary>Compares a stored number with a literal; null when the stored value is not a number.</summary>
    public static int? CompareNumber(object? value, decimal literal) => value switch
    {
        decimal d => d.CompareTo(literal),
        double d => d.CompareTo((double)literal),
        long l => ((decimal)l).CompareTo(literal),
        int i => ((decimal)i).CompareTo(literal),
        float f => ((double)f).CompareTo((double)literal),
        _ => null,
    };

    public static double? Number(object? value) => value switch
    {
        decimal d => (double)d,
        double d => d,
        long l => l,
        int i => i,
        float f => f,
        _ => null,
    };

    /// <summary>A date as its day number; a stored instant counts by its UTC date.</summary>
    public static long? Day(object? value) => value switch
    {
        DateOnly d => d.DayNumber,
        DateTimeOffset dto => DateOnly.FromDateTime(dto.UtcDateTime).DayNumber,
        DateTime dt => DateOnly.FromDateTime(Utc(dt)).DayNumber,
        _ => null,
    };

    /// <summary>An instant as UTC ticks; a stored date counts as its UTC midnight.</summary>
    public static long? Instant(object? value) => value switch
    {
        DateTimeOffset dto => dto.UtcTicks,
        DateTime dt => Utc(dt).Ticks,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue).Ticks,
        _ => null,
    };

    // Storage may keep instants as DateTime; Unspecified is taken as UTC, which is how Salesforce stores them.
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    public static bool? Boolean(object? value) => value is bool b ? b : null;
}
