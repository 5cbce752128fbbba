namespace Rapport.Salesforce.Sync;

/// <summary>How the connector pages and retries; the defaults suit a real org.</summary>
public sealed record SalesforceConnectorOptions
{
    /// <summary>Records per query page (Salesforce's maximum, so a run spends as few calls as possible).</summary>
    public int QueryBatchSize { get; init; } = 2000;

    /// <summary>How many more times records that failed with <c>UNABLE_TO_LOCK_ROW</c> are sent before they are reported failed.</summary>
    public int LockRetries { get; init; } = 2;

    /// <summary>The wait before the first lock retry; it doubles for each further one.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
