using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// An in-memory CRM writer: keeps every record's fields, remembers each call, and counts API calls
/// as Salesforce would bill them (one sObject Collections call per 200 records, a handful per Bulk
/// API 2.0 job whatever its size).
/// </summary>
public sealed class FakeCrmWriter(FakeCrmConnector connector) : ICrmWriter
{
    /// <summary>Calls per Bulk API 2.0 job: create, upload, close, poll, results.</summary>
    public const int CallsPerBulkJob = 5;

    private int _nextId;

    /// <summary>Object type → record id → field values, as the CRM now holds them.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, object?>>> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>Every record write in order: object type, record id (new id for creates), fields sent, and whether it went through bulk.</summary>
    public List<(string ObjectType, string Id, IReadOnlyDictionary<string, object?> Fields, bool Bulk)> Writes { get; } = [];

    /// <summary>Returns an error for a record the CRM should refuse (its fields as sent), or null to accept it.</summary>
    public Func<string, IReadOnlyDictionary<string, object?>, CrmError?> Reject { get; set; } = (_, _) => null;

    public Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(string objectType, IReadOnlyList<CrmRecordUpdate> updates, bool bulk, CancellationToken cancellationToken)
    {
        CountCalls(updates.Count, bulk);
        var results = new List<CrmWriteResult>(updates.Count);
        foreach (var update in updates)
        {
            Writes.Add((objectType, update.Id, update.Fields, bulk));
            if (Reject(objectType, update.Fields) is { } error)
            {
                results.Add(CrmWriteResult.Failed(update.Id, error));
                continue;
            }
            var record = Record(objectType, update.Id);
            foreach (var (field, value) in update.Fields)
            {
                record[field] = value;
            }
            results.Add(CrmWriteResult.Ok(update.Id));
        }
        return Task.FromResult<IReadOnlyList<CrmWriteResult>>(results);
    }

    public Task<IReadOnlyList<CrmWriteResult>> CreateAsync(string objectType, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken)
    {
        CountCalls(records.Count, bulk: false);
        var results = new List<CrmWriteResult>(records.Count);
        foreach (var fields in records)
        {
            if (Reject(objectType, fields) is { } error)
            {
                Writes.Add((objectType, "", fields, false));
                results.Add(CrmWriteResult.Failed(null, error));
                continue;
            }
            var id = (objectType == "Lead" ? "00Q" : "001") + (++_nextId).ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
            Writes.Add((objectType, id, fields, false));
            Record(objectType, id).Clear();
            foreach (var (field, value) in fields)
            {
                Record(objectType, id)[field] = value;
            }
            results.Add(CrmWriteResult.Ok(id));
        }
        return Task.FromResult<IReadOnlyList<CrmWriteResult>>(results);
    }

    private Dictionary<string, object?> Record(string objectType, string id)
    {
        if (!Records.TryGetValue(objectType, out var records))
        {
            Records[objectType] = records = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        }
        if (!records.TryGetValue(id, out var record))
        {
            records[id] = record = new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        return record;
    }

    private void CountCalls(int records, bool bulk)
    {
        var calls = bulk ? CallsPerBulkJob : (records + 199) / 200;
        for (var i = 0; i < calls; i++)
        {
            connector.Count(bulk ? "bulk" : "collections");
        }
    }
}
