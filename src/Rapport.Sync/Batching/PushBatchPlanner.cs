namespace Rapport.Sync.Batching;

/// <summary>
/// Chooses how to write a set of changed records: sObject Collections in batches of 200 (one API
/// call per 200 records), or one Bulk API 2.0 job above a threshold, where a job costs a fixed
/// handful of calls whatever its size.
/// </summary>
public static class PushBatchPlanner
{
    /// <summary>Records per sObject Collections request (Salesforce's documented maximum).</summary>
    public const int CollectionSize = 200;

    public static PushMethod Choose(int recordCount, int bulkThreshold)
        => recordCount >= bulkThreshold ? PushMethod.Bulk : PushMethod.Collections;

    /// <summary>Splits records into collection-sized batches, preserving order.</summary>
    public static IEnumerable<IReadOnlyList<T>> Batches<T>(IEnumerable<T> records, int size = CollectionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return records.Chunk(size);
    }
}
