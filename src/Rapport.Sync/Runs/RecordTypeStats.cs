namespace Rapport.Sync.Runs;

/// <summary>Counts for one record type in one direction of a run. Thread-safe.</summary>
public sealed class RecordTypeStats
{
    private long _read;
    private long _matched;
    private long _updated;
    private long _created;
    private long _unchanged;
    private long _failed;

    /// <summary>Records read from the CRM (pull) or profiles considered (push).</summary>
    public long Read => Interlocked.Read(ref _read);
    public long Matched => Interlocked.Read(ref _matched);
    public long Updated => Interlocked.Read(ref _updated);
    public long Created => Interlocked.Read(ref _created);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Failed => Interlocked.Read(ref _failed);

    public void AddRead(long n = 1) => Interlocked.Add(ref _read, n);
    public void AddMatched(long n = 1) => Interlocked.Add(ref _matched, n);
    public void AddUpdated(long n = 1) => Interlocked.Add(ref _updated, n);
    public void AddCreated(long n = 1) => Interlocked.Add(ref _created, n);
    public void AddUnchanged(long n = 1) => Interlocked.Add(ref _unchanged, n);
    public void AddFailed(long n = 1) => Interlocked.Add(ref _failed, n);
}
