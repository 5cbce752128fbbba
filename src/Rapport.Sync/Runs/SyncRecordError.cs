namespace Rapport.Sync.Runs;

/// <summary>A record-level error of a run, deduplicated by everything but its count.</summary>
public sealed record SyncRecordError(string Stage, string? ObjectType, string? RecordId, string? ProfileKey,
    string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    public int Count { get; set; } = 1;
}
