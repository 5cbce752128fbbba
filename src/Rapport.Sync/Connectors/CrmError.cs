namespace Rapport.Sync.Connectors;

/// <summary>An error as the CRM reported it: Salesforce's <c>errorCode</c>, <c>message</c> and <c>fields</c>.</summary>
public sealed record CrmError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>Errors worth retrying with backoff rather than recording against the record.</summary>
    public bool IsTransient => ErrorCode is "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" or "REQUEST_RUNNING_TOO_LONG";
}
