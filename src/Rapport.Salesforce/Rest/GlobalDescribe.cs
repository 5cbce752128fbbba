namespace Rapport.Salesforce.Rest;

/// <summary>Describe Global (<c>GET /sobjects</c>): the org's objects.</summary>
public sealed record GlobalDescribe
{
    /// <summary>The most records one sObject Collections call accepts (200).</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>Every object the user can see.</summary>
    public IReadOnlyList<SObjectSummary> SObjects { get; init; } = [];
}
