namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>The org's Bulk API 2.0 jobs (key prefix 750), kept in memory for the life of the emulator.</summary>
internal sealed class BulkJobs
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IngestJob> _ingest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueryJob> _query = new(StringComparer.Ordinal);
    private long _sequence;

    public string NextId()
    {
        lock (_gate)
        {
            return SalesforceId.Create("750", ++_sequence);
        }
    }

    public void Add(IngestJob job)
    {
        lock (_gate)
        {
            _ingest[job.Id] = job;
        }
    }

    public void Add(QueryJob job)
    {
        lock (_gate)
        {
            _query[job.Id] = job;
        }
    }

    public IngestJob? FindIngest(string id)
    {
        lock (_gate)
        {
            return SalesforceId.TryNormalize(id, out var id18) && _ingest.TryGetValue(id18, out var job) ? job : null;
        }
    }

    public QueryJob? FindQuery(string id)
    {
        lock (_gate)
        {
            return SalesforceId.TryNormalize(id, out var id18) && _query.TryGetValue(id18, out var job) ? job : null;
        }
    }

    public List<IngestJob> IngestJobs()
    {
        lock (_gate)
        {
            return [.. _ingest.Values];
        }
    }

    public List<QueryJob> QueryJobs()
    {
        lock (_gate)
        {
            return [.. _query.Values];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return SalesforceId.TryNormalize(id, out var id18) && (_ingest.Remove(id18) | _query.Remove(id18));
        }
    }
}
