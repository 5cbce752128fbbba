namespace Rapport.SalesforceEmulator.Faults;

/// <summary>
/// The last N requests (the oldest are dropped first) and running totals since the last clear,
/// so a test can assert "the sync made 3 API calls" and a demo can show the traffic.
/// </summary>
internal sealed class RequestJournal(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<RequestJournalEntry> _entries = new();
    private long _total;
    private long _apiCalls;

    public long NextSequence()
    {
        lock (_gate)
        {
            return ++_total;
        }
    }

    public void Add(RequestJournalEntry entry)
    {
        lock (_gate)
        {
            if (entry.ApiCall)
            {
                _apiCalls++;
            }
            if (capacity <= 0)
            {
                return;
            }
            while (_entries.Count >= capacity)
            {
                _entries.Dequeue();
            }
            _entries.Enqueue(entry);
        }
    }

    public (long Total, long ApiCalls, RequestJournalEntry[] Entries) Snapshot()
    {
        lock (_gate)
        {
            return (_total, _apiCalls, _entries.OrderBy(e => e.Sequence).ToArray());
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _total = 0;
            _apiCalls = 0;
        }
    }
}
