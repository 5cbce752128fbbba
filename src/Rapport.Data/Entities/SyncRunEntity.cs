namespace Rapport.Data.Entities;

/// <summary>One synchronization run of a connection: what started it, how it went, what it cost.</summary>
public sealed class SyncRunEntity
{
    public long Id { get; set; }
    public required string ConnectionId { get; set; }
    public required string DatasetId { get; set; }
    /// <summary><c>nightly</c>, <c>interval</c>, <c>manual</c> (API, console, CLI) or <c>initial</c>.</summary>
    public required string Trigger { get; set; }
    public SyncRunStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>JSON: per record type and direction, pulled / matched / updated / created / unchanged / failed.</summary>
    public string Stats { get; set; } = "{}";
    /// <summary>JSON: API calls used, by endpoint kind.</summary>
    public string ApiCalls { get; set; } = "{}";
    public int TotalApiCalls { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>Why the run failed or stopped early, in words a person can act on.</summary>
    public string? Message { get; set; }
    /// <summary>Heartbeat of the node running it; a running row whose heartbeat is stale was interrupted.</summary>
    public DateTime? HeartbeatAt { get; set; }
}
