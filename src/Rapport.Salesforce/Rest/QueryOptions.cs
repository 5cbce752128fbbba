namespace Rapport.Salesforce.Rest;

/// <summary>How a query is run.</summary>
public sealed record QueryOptions
{
    /// <summary>
    /// Records per page, sent as <c>Sforce-Query-Options: batchSize=N</c> (200–2,000; Salesforce
    /// treats it as a hint and may return fewer). Null leaves the server default (2,000).
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>Use <c>queryAll</c>: include deleted and archived records (<c>IsDeleted = true</c>).</summary>
    public bool IncludeDeleted { get; init; }
}
