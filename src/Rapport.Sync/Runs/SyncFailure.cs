using Rapport.Data.Entities;
using Rapport.Sync.Connectors;

namespace Rapport.Sync.Runs;

/// <summary>What a whole-call CRM failure means for a run: its end status, the message people see, and whether the connection needs reconnecting.</summary>
public sealed record SyncFailure(SyncRunStatus Status, string Message, bool Reconnect = false, string? CheckFailure = null)
{
    public const string ReconnectRemedy = "Reconnect: establish the connection again (POST …/connections/salesforce/authorize, or GET …/connect in a browser).";

    public const string RequestLimitMessage = "Salesforce's daily API request limit is reached; the next run resumes where this one stopped.";

    /// <summary>Classifies a failure thrown by a stage or the connector.</summary>
    public static SyncFailure From(CrmException exception) => exception.Kind switch
    {
        CrmFailureKind.RequestLimitExceeded => new(SyncRunStatus.Stopped, RequestLimitMessage),
        CrmFailureKind.AuthenticationFailed => new(SyncRunStatus.Failed,
            $"Salesforce no longer accepts this connection's credentials ({exception.Message}). {ReconnectRemedy}",
            Reconnect: true, CheckFailure: exception.ErrorCode ?? "authentication_failed"),
        CrmFailureKind.InsufficientAccess => new(SyncRunStatus.Failed,
            $"The integration user lacks a permission: {exception.Message} Give its profile or permission set \"API Enabled\" and \"Modify All Data\", then synchronize again."),
        CrmFailureKind.Configuration => new(SyncRunStatus.Failed,
            $"The sync settings do not fit the org: {exception.Message} Correct them (PUT …/connections/salesforce/sync-settings), then synchronize again."),
        CrmFailureKind.Transient => new(SyncRunStatus.Failed,
            $"Salesforce could not be reached or answered with a temporary error ({exception.Message}); the next run retries."),
        _ => new(SyncRunStatus.Failed, $"Salesforce refused the synchronization: {exception.Message}"),
    };

    /// <summary>A bug or an unexpected failure: the details go to the log, not to the run.</summary>
    public static SyncFailure Unexpected(Exception exception) => new(SyncRunStatus.Failed,
        $"The synchronization failed unexpectedly ({exception.GetType().Name}); the server log has the details. The next run tries again.");

    public static SyncFailure Cancelled { get; } = new(SyncRunStatus.Stopped,
        "The synchronization was stopped before it finished (cancelled or shutting down); the next run resumes where it stopped.");
}
