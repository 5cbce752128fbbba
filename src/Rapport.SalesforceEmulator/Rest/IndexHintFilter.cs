using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Narrows a scan with the query's top-level WHERE conjuncts before the SOQL engine sees the rows.
/// It reads the stored row arrays directly (no dictionary look-ups, no wrappers), so an incremental
/// pull such as <c>WHERE SystemModstamp &gt; …</c> or a match on <c>Email = …</c> over a million
/// contacts only wraps the few candidates. It may keep rows that do not match (the engine still
/// applies the whole WHERE clause) but never drops one that does: ranges are tested inclusively,
/// strings case-insensitively, and nulls are kept.
/// </summary>
internal static class IndexHintFilter
{
    public static bool CanUse(SoqlIndexHint hint, FieldDefinition field) =>
        hint.Operator switch
        {
            SoqlOperator.Equal or SoqlOperator.In => true,
            SoqlOperator.LessThan or SoqlOperator.LessThanOrEqual or SoqlOperator.GreaterThan or SoqlOperator.GreaterThanOrEqual =>
                field.Type is SalesforceFieldType.DateTime or SalesforceFieldType.Date or SalesforceFieldType.Int
                    or SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent,
            _ => false,
        };

    public static bool Keep(object? stored, SoqlIndexHint hint)
    {
        if (stored is null)
        {
            return true;
        }
        switch (hint.Operator)
        {
            case SoqlOperator.Equal or SoqlOperator.In:
                foreach (var value in hint.Values)
                {
                    if (Compare(stored, value) is 0 or null)
                    {
                        return true;
                    }
                }
                return false;
            case SoqlOperator.GreaterThan or SoqlOperator.GreaterThanOrEqual:
                return Compare(stored, hint.Values[0]) is null or >= 0;
            case SoqlOperator.LessThan or SoqlOperator.LessThanOrEqual:
                return Compare(stored, hint.Values[0]) is null or <= 0;
            default:
                return true;
        }
    }

    /// <summary>Compares a stored value with a hint value; null when they are not comparable here (the row is then kept).</summary>
    private static int? Compare(object stored, object value) => (stored, value) switch
    {
        (string s, string v) => string.Equals(s, v, StringComparison.OrdinalIgnoreCase) ? 0 : 1,
        (DateTime s, DateTimeOffset v) => s.Ticks.CompareTo(v.UtcTicks),
        (DateTime s, DateOnly v) => DateOnly.FromDateTime(s).CompareTo(v),
        (DateOnly s, DateOnly v) => s.CompareTo(v),
        (DateOnly s, DateTimeOffset v) => s.CompareTo(DateOnly.FromDateTime(v.UtcDateTime)),
        (int s, decimal v) => ((decimal)s).CompareTo(v),
        (decimal s, decimal v) => s.CompareTo(v),
        (bool s, bool v) => s == v ? 0 : 1,
        _ => null,
    };
}
