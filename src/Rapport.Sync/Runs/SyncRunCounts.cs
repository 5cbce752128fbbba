namespace Rapport.Sync.Runs;

/// <summary>A snapshot of <see cref="RecordTypeStats"/>, as stored in a run's Stats JSON and shown by the API and CLI.</summary>
public sealed record SyncRunCounts(long Read, long Matched, long Updated, long Created, long Unchanged, long Failed)
{
    public static SyncRunCounts From(RecordTypeStats stats)
        => new(stats.Read, stats.Matched, stats.Updated, stats.Created, stats.Unchanged, stats.Failed);
}
