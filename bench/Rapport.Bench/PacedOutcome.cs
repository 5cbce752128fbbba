namespace Rapport.Bench;

/// <summary>The paced (open-loop) ingest phase: latencies, and how far processing fell behind.</summary>
/// <param name="MaxLagSeenMs">Largest <c>lagMilliseconds</c> the status endpoint reported during the phase.</param>
/// <param name="MaxPending">Largest <c>pendingEvents</c> seen.</param>
/// <param name="DrainMs">Time from the last accepted event until nothing was pending; null when it never drained.</param>
internal sealed record PacedOutcome(IngestPhaseResult Phase, long MaxLagSeenMs, long MaxPending, double? DrainMs);
