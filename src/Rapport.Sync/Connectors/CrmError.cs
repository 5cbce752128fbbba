namespace Rapport.Sync.Connectors;

/// <summary>An error as the CRM reported it: Salesforce's <c>errorCode</c>, <c>message</c> and <c>fields</c>.</summary>
public sealed record CrmError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>
    /// Errors that say nothing about the record itself (lock contention, an unavailable server, a
    /// Bulk API job that never got to the record): retried in the next run, never marked rejected.
    /// </summary>
    public bool IsTransient => ErrorCode is "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" or "REQUEST_RUNNING_TOO_LONG" or UnprocessedCode
        || ErrorCode.StartsWith(BulkJobCodePrefix, StringComparison.Ordinal);

    /// <summary>A Bulk API record the job did not process.</summary>
    public const string UnprocessedCode = "UNPROCESSED";

    /// <summary>Prefix of the code given to every record of a Bulk API job that failed or was aborted as a whole.</summary>
    public const string BulkJobCodePrefix = "BULK_JOB_";
}
