namespace Rapport.Sync.Runs;

/// <summary>Timing of the run lease.</summary>
public sealed class SyncRunnerOptions
{
    /// <summary>How often a running run touches its row's HeartbeatAt.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A Running row whose heartbeat is older than this belongs to a process that died; it is marked Interrupted.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);
}
