namespace Rapport.Sync.Connectors;

/// <summary>A failure of a whole CRM call, classified so a run can decide: retry, stop cleanly, or fail with a remedy.</summary>
public sealed class CrmException : Exception
{
    public CrmException()
    {
    }

    public CrmException(string message) : base(message)
    {
    }

    public CrmException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CrmException(CrmFailureKind kind, string message, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ErrorCode = errorCode;
    }

    public CrmFailureKind Kind { get; } = CrmFailureKind.Unknown;

    /// <summary>The CRM's error code (<c>REQUEST_LIMIT_EXCEEDED</c>, <c>invalid_grant</c>, …) when it sent one.</summary>
    public string? ErrorCode { get; }
}
