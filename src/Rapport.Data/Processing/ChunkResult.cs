namespace Rapport.Data.Processing;

/// <summary>
/// What one processing step did: events applied, and the receive time of the last one.
/// <see cref="Full"/>: it read as many events as a chunk holds, so more may be waiting.
/// </summary>
public readonly record struct ChunkResult(int Count, long LastReceivedAtMs, bool Conflict = false, bool Full = false);
