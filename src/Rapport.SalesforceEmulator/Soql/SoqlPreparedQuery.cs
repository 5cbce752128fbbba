namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A query checked against a schema (<see cref="SoqlExecutor.Prepare"/>): object and field names are
/// canonical and every literal has the type of its field. It does not depend on the clock or on data,
/// so it can run many times; it holds no reference to the schema.
/// </summary>
public sealed class SoqlPreparedQuery
{
    internal SoqlPreparedQuery(SoqlQuery query, string objectName)
    {
        Query = query;
        ObjectName = objectName;
    }

    /// <summary>The parsed query.</summary>
    public SoqlQuery Query { get; }

    /// <summary>The canonical name of the FROM object.</summary>
    public string ObjectName { get; }

    /// <summary>Selected fields in select-list order; empty for <c>COUNT()</c> and aggregate queries.</summary>
    public IReadOnlyList<SoqlColumn> Columns { get; internal set; } = [];

    /// <summary>
    /// <c>COUNT(field)</c> items; when there are any, the query returns one <c>AggregateResult</c> row.
    /// </summary>
    public IReadOnlyList<SoqlAggregateColumn> Aggregates { get; internal set; } = [];

    /// <summary>True for <c>SELECT COUNT()</c>: only <see cref="SoqlResult.TotalSize"/> is meaningful.</summary>
    public bool IsCount => Query.IsCount;

    /// <summary>True when the select list is made of aggregate functions.</summary>
    public bool IsAggregate => Aggregates.Count > 0;

    /// <summary>Simple top-level WHERE conjuncts that storage may use to pre-filter rows.</summary>
    public IReadOnlyList<SoqlIndexHint> IndexHints { get; internal set; } = [];

    /// <summary>Resolved ORDER BY keys, in order.</summary>
    internal IReadOnlyList<(SoqlColumn Column, SoqlOrderBy Key)> OrderBy { get; set; } = [];

    /// <summary>The FROM object's IsDeleted field, when the schema declares one.</summary>
    internal SoqlFieldInfo? IsDeletedField { get; set; }

    internal Dictionary<SoqlComparison, SoqlBoundComparison> Comparisons { get; } = new(ReferenceEqualityComparer.Instance);
}
