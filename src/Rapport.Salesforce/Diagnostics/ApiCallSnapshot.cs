namespace Rapport.Salesforce.Diagnostics;

/// <summary>A point-in-time copy of an <see cref="ApiCallCounter"/>.</summary>
public sealed record ApiCallSnapshot(IReadOnlyDictionary<SalesforceEndpointKind, long> ByEndpoint)
{
    /// <summary>All calls, OAuth included.</summary>
    public long Total => ByEndpoint.Values.Sum();

    /// <summary>Calls that count against the org's daily API limit (everything except OAuth).</summary>
    public long Billable => ByEndpoint.Where(p => p.Key != SalesforceEndpointKind.OAuth).Sum(p => p.Value);

    /// <summary>Calls of one kind.</summary>
    public long this[SalesforceEndpointKind kind] => ByEndpoint.TryGetValue(kind, out var count) ? count : 0;
}
