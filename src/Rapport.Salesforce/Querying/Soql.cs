using System.Globalization;
using System.Text;

namespace Rapport.Salesforce.Querying;

/// <summary>
/// SOQL literals, escaped as "Quoted String Escape Sequences" (SOQL and SOSL Reference)
/// documents. Every value put into a query goes through here; <see cref="Format"/> does it for
/// interpolated queries so nothing is concatenated unescaped.
/// </summary>
public static class Soql
{
    /// <summary>
    /// A quoted string literal: <c>\ ' " \n \r \t \b \f</c> become backslash sequences; other
    /// characters pass through (SOQL strings are Unicode). Null becomes <c>null</c>.
    /// </summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        AppendEscaped(builder, value, like: false);
        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// A quoted literal for <c>LIKE</c> that matches <paramref name="value"/> literally: also
    /// escapes the wildcards <c>%</c> and <c>_</c> (only valid in LIKE). Add wildcards around it
    /// with <paramref name="prefix"/>/<paramref name="suffix"/>, e.g. suffix "%" for "starts with".
    /// </summary>
    public static string QuoteLike(string value, string prefix = "", string suffix = "")
    {
        var builder = new StringBuilder(value.Length + 4).Append('\'').Append(prefix);
        AppendEscaped(builder, value, like: true);
        return builder.Append(suffix).Append('\'').ToString();
    }

    /// <summary>A dateTime literal in UTC: <c>2024-01-02T03:04:05Z</c> (unquoted, as SOQL requires).</summary>
    public static string DateTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date literal: <c>2024-01-02</c>.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// An <c>IN</c> list, <c>('a','b')</c>, each value quoted. SOQL has no empty list, so an empty
    /// input is refused: the caller must skip the query instead.
    /// </summary>
    public static string In(IEnumerable<string> values)
    {
        var quoted = values.Select(Quote).ToList();
        if (quoted.Count == 0)
        {
            throw new ArgumentException("An IN list needs at least one value; skip the query when there is none.", nameof(values));
        }
        return "(" + string.Join(',', quoted) + ")";
    }

    /// <summary>
    /// Any value as a literal: strings quoted, numbers invariant, booleans <c>true</c>/<c>false</c>,
    /// date-times UTC, dates, null, and string sequences as IN lists.
    /// </summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        DateTimeOffset d => DateTime(d),
        System.DateTime d => DateTime(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)),
        DateOnly d => Date(d),
        int or long or short or byte or decimal or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable<string> list => In(list),
        _ => throw new ArgumentException($"No SOQL literal for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// Builds a query from an interpolated string with every hole rendered by <see cref="Literal"/>:
    /// <c>Soql.Format($"SELECT Id FROM Contact WHERE Email = {email}")</c>. Names (objects,
    /// fields) belong in the literal text, never in holes.
    /// </summary>
    public static string Format(FormattableString query)
    {
        var arguments = query.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, query.Format, arguments);
    }

    private static void AppendEscaped(StringBuilder builder, string value, bool like)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                // The reference calls \b "bell"; in the Java-derived parser it is backspace (U+0008).
                case '\b': builder.Append(@"\b"); break;
                case '\f': builder.Append(@"\f"); break;
                case '%' when like: builder.Append(@"\%"); break;
                case '_' when like: builder.Append(@"\_"); break;
                default: builder.Append(c); break;
            }
        }
    }
}
