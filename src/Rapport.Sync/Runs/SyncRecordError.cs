using System.Text.Json;
using Rapport.Data.Entities;

namespace Rapport.Sync.Runs;

/// <summary>A record-level error of a run, deduplicated by everything but its count.</summary>
public sealed record SyncRecordError(string Stage, string? ObjectType, string? RecordId, string? ProfileKey,
    string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    public int Count { get; set; } = 1;

    /// <summary>Everything that makes two errors the same; identical errors are one row with a count.</summary>
    public string Key => string.Join('\u001f', Stage, ObjectType, RecordId, ProfileKey, ErrorCode, Message, string.Join(',', Fields));

    /// <summary>The stored deduplication key (<see cref="SyncErrorEntity.Hash"/>).</summary>
    public string Hash => Sha256Hex.Of(Key);

    /// <summary>The row that records this error on run <paramref name="runId"/>.</summary>
    public SyncErrorEntity ToEntity(long runId, string connectionId, DateTime now) => new()
    {
        RunId = runId, ConnectionId = connectionId, Stage = Stage, ObjectType = ObjectType, RecordId = RecordId, ProfileKey = ProfileKey,
        ErrorCode = ErrorCode, Message = Message, Fields = JsonSerializer.Serialize(Fields), Count = Count, Hash = Hash,
        FirstSeenAt = now, LastSeenAt = now,
    };
}
