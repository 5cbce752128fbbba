namespace Rapport.Data.Processing;

/// <summary>What one processing step did: events applied, and the receive time of the last one.</summary>
public readonly record struct ChunkResult(int Count, long LastReceivedAtMs, bool Conflict = false);
