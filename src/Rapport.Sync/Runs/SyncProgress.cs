namespace Rapport.Sync.Runs;

/// <summary>Reported when a run opens its connector and as each stage starts; <see cref="Run"/> holds the live counts.</summary>
public sealed record SyncProgress(long RunId, string Stage, SyncRunRecorder Run);
