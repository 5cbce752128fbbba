using System.Runtime.CompilerServices;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// An in-memory CRM reader: records per object type, answered as a real org would — filtered by
/// the request (modstamp, created, modified, deleted), ordered by modstamp, in pages, with only the
/// fields asked for. Every request is kept so tests can assert what the engine asked.
/// </summary>
public sealed class FakeCrmReader : ICrmReader
{
    private readonly Dictionary<string, List<CrmRecord>> _records = new(StringComparer.Ordinal);

    public int PageSize { get; set; } = 200;

    public List<CrmReadRequest> Requests { get; } = [];

    /// <summary>When set, the read fails with this after that many pages have been handed out.</summary>
    public (int Pages, CrmException Error)? FailAfter { get; set; }

    /// <summary>Adds or replaces (by id) records of one object type.</summary>
    public void Put(string objectType, params CrmRecord[] records)
    {
        if (!_records.TryGetValue(objectType, out var list))
        {
            _records[objectType] = list = [];
        }
        foreach (var record in records)
        {
            list.RemoveAll(r => r.Id == record.Id);
            list.Add(record);
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<CrmRecord>> ReadAsync(CrmReadRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests.Add(request);
        await Task.Yield();
        var wanted = request.Fields.ToHashSet(StringComparer.Ordinal);
        var matching = _records.GetValueOrDefault(request.ObjectType, [])
            .Where(r => request.IncludeDeleted || !r.IsDeleted)
            .Where(r => request.ModstampFrom is null || r.Modstamp >= (request.OverlapFrom ?? request.ModstampFrom))
            .Where(r => request.CreatedAfter is null || r.CreatedDate > request.CreatedAfter)
            .Where(r => request.ModifiedAfter is null || r.Modstamp > request.ModifiedAfter)
            .OrderBy(r => r.Modstamp)
            .Select(r => r with { Fields = r.Fields.Where(f => wanted.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value) })
            .ToList();
        var served = 0;
        foreach (var page in matching.Chunk(PageSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FailAfter is { } failure && served == failure.Pages)
            {
                throw failure.Error;
            }
            served++;
            yield return page;
        }
    }
}
