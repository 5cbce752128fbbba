namespace Rapport.SalesforceEmulator.Soql;

/// <summary>How a query runs.</summary>
public sealed record SoqlExecutionOptions
{
    /// <summary>The defaults: deleted rows are hidden, as for <c>/query</c>.</summary>
    public static SoqlExecutionOptions Default { get; } = new();

    /// <summary>
    /// Returns rows whose <c>IsDeleted</c> is true (<c>/queryAll</c>); otherwise they are skipped
    /// before the WHERE clause is applied.
    /// </summary>
    public bool IncludeDeleted { get; init; }
}
