namespace Rapport.Salesforce.Diagnostics;

/// <summary>
/// Counts the HTTP calls one run makes, by endpoint kind, replays and retries included (each
/// one costs an API request). Thread-safe; the sync engine snapshots it for the run summary.
/// </summary>
public sealed class ApiCallCounter
{
    private readonly long[] _counts = new long[Enum.GetValues<SalesforceEndpointKind>().Length];

    /// <summary>Adds one call of <paramref name="kind"/>.</summary>
    public void Increment(SalesforceEndpointKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    /// <summary>The counts so far; kinds without calls are left out.</summary>
    public ApiCallSnapshot Snapshot()
    {
        var byKind = new Dictionary<SalesforceEndpointKind, long>();
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Interlocked.Read(ref _counts[i]);
            if (count > 0)
            {
                byKind[(SalesforceEndpointKind)i] = count;
            }
        }
        return new ApiCallSnapshot(byKind);
    }
}
