namespace Rapport.Sync.Runs;

/// <summary>Why a run did not start.</summary>
public enum SyncRunRefusal
{
    None = 0,
    NoConnection,
    /// <summary>No tokens (never connected, or deactivated): establish the connection first.</summary>
    NotEstablished,
    /// <summary>A scheduled trigger on a paused connection, or before its initial run completed.</summary>
    NotActive,
    /// <summary>Another run of the connection holds the lease.</summary>
    AlreadyRunning,
}
