using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// The SystemModstamp range (UTC ticks, both ends inclusive) outside which no row can satisfy a
/// WHERE clause. It follows AND and OR, so a sync's
/// <c>(SystemModstamp &gt; t1 OR (SystemModstamp &gt;= t0 AND LastModifiedById != …))</c> is bounded
/// below by t0. It only narrows the rows tested: each one still goes through the whole clause.
/// </summary>
internal static class ModstampBounds
{
    public static (long? Low, long? High) Of(SoqlCondition? condition, SoqlPreparedQuery prepared)
    {
        switch (condition)
        {
            case SoqlComparison comparison when prepared.Comparisons.TryGetValue(comparison, out var bound)
                && bound.Column.References.Count == 0 && bound.Column.Field.Name == "SystemModstamp"
                && bound.Values is [DateTimeOffset instant]:
                var ticks = instant.UtcTicks;
                return bound.Operator switch
                {
                    SoqlOperator.GreaterThan or SoqlOperator.GreaterThanOrEqual => (ticks, null),
                    SoqlOperator.LessThan or SoqlOperator.LessThanOrEqual => (null, ticks),
                    SoqlOperator.Equal => (ticks, ticks),
                    _ => (null, null),
                };
            case SoqlAndCondition and:
            {
                long? low = null, high = null;
                foreach (var operand in and.Operands)
                {
                    var (l, h) = Of(operand, prepared);
                    low = l is { } a && (low is null || a > low) ? a : low;
                    high = h is { } b && (high is null || b < high) ? b : high;
                }
                return (low, high);
            }
            case SoqlOrCondition or:
            {
                var bounds = or.Operands.Select(o => Of(o, prepared)).ToList();
                return (
                    bounds.All(b => b.Low is not null) ? bounds.Min(b => b.Low) : null,
                    bounds.All(b => b.High is not null) ? bounds.Max(b => b.High) : null);
            }
            default:
                return (null, null);
        }
    }
}
