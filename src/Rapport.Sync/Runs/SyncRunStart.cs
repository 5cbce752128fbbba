namespace Rapport.Sync.Runs;

/// <summary>
/// The result of taking a connection's run lease: either a <see cref="RunId"/> (the run row exists,
/// status Running) or a <see cref="Refusal"/> with a message a person can act on.
/// </summary>
public sealed record SyncRunStart(string ConnectionId, string Trigger, long? RunId, SyncRunRefusal Refusal, string? Message)
{
    public bool Started => RunId is not null;

    /// <summary>The run that already holds the lease, when <see cref="Refusal"/> is <see cref="SyncRunRefusal.AlreadyRunning"/>.</summary>
    public long? RunningRunId { get; init; }
}
