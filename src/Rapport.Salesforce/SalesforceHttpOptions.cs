namespace Rapport.Salesforce;

/// <summary>
/// Process-wide settings of the Salesforce HTTP pipeline (bound by the host; per-connection
/// settings live in <see cref="Auth.SalesforceConnectionOptions"/>).
/// </summary>
public sealed class SalesforceHttpOptions
{
    /// <summary>Retries after the first attempt for retryable requests.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base of the exponential, jittered retry delay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Timeout of one attempt. Salesforce lets a synchronous request run for up to 10 minutes, but
    /// a query page or a 200-record collection call that takes two is stuck.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of a call including its retries.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>First wait between Bulk API 2.0 job status polls; doubles up to <see cref="BulkPollMaxDelay"/>.</summary>
    public TimeSpan BulkPollInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between Bulk job status polls.</summary>
    public TimeSpan BulkPollMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a Bulk job may take before the client gives up waiting.</summary>
    public TimeSpan BulkJobTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
