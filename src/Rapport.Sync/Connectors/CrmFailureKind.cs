namespace Rapport.Sync.Connectors;

/// <summary>What went wrong with a CRM call, and so what a run does about it.</summary>
public enum CrmFailureKind
{
    Unknown = 0,
    /// <summary>5xx, timeouts, network failures, lock contention after retries: the next run tries again.</summary>
    Transient = 1,
    /// <summary><c>REQUEST_LIMIT_EXCEEDED</c>: the run ends cleanly and the next one resumes.</summary>
    RequestLimitExceeded = 2,
    /// <summary>Expired or revoked refresh token, inactive user: reconnect.</summary>
    AuthenticationFailed = 3,
    /// <summary>Missing permission (<c>INSUFFICIENT_ACCESS</c>, Modify All Data, Customize Application).</summary>
    InsufficientAccess = 4,
    /// <summary>A field or object the integration user cannot see, or a bad mapping.</summary>
    Configuration = 5,
}
