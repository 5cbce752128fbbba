namespace Rapport.Data.Entities;

/// <summary>
/// A record-level error of a run, as Salesforce reported it. Identical errors (same record, code,
/// message and fields) within a run are one row with a count.
/// </summary>
public sealed class SyncErrorEntity
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary><c>pull</c>, <c>push</c> or <c>activity</c>.</summary>
    public required string Stage { get; set; }
    public string? ObjectType { get; set; }
    public string? RecordId { get; set; }
    public string? ProfileKey { get; set; }
    public required string ErrorCode { get; set; }
    public required string Message { get; set; }
    /// <summary>JSON array of the fields the error names.</summary>
    public string Fields { get; set; } = "[]";
    public int Count { get; set; } = 1;
    /// <summary>SHA-256 of stage, object, record, code, message and fields: the deduplication key within a run.</summary>
    public required string Hash { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}
