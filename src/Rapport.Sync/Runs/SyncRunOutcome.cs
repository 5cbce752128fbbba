using Rapport.Data.Entities;

namespace Rapport.Sync.Runs;

/// <summary>How a run ended (or why it did not start).</summary>
public sealed record SyncRunOutcome
{
    public long? RunId { get; init; }
    /// <summary>Null when the run was refused.</summary>
    public SyncRunStatus? Status { get; init; }
    public SyncRunRefusal Refusal { get; init; }
    /// <summary>Why it failed, stopped or was refused; null on success.</summary>
    public string? Message { get; init; }
    /// <summary>Counts per <c>direction:objectType</c>.</summary>
    public IReadOnlyDictionary<string, SyncRunCounts> Stats { get; init; } = new Dictionary<string, SyncRunCounts>();
    public IReadOnlyDictionary<string, long> ApiCalls { get; init; } = new Dictionary<string, long>();
    public int TotalApiCalls { get; init; }
    /// <summary>Distinct record errors (each may count several occurrences).</summary>
    public int ErrorCount { get; init; }

    public static SyncRunOutcome Refused(SyncRunStart start) => new() { RunId = start.RunningRunId, Refusal = start.Refusal, Message = start.Message };
}
