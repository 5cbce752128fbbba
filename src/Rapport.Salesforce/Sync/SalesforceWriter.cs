using Rapport.Salesforce.Bulk;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Rest;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Writes field changes: sObject Collections, 200 records a call with <c>allOrNone=false</c> (so
/// 1,000 updates cost 5 calls and one bad record does not fail its neighbours), or one Bulk API
/// 2.0 update job for large pushes. Locked rows are retried briefly; every input gets one result,
/// in order.
/// </summary>
public sealed class SalesforceWriter : ICrmWriter
{
    private readonly SalesforceClient _client;
    private readonly LockRetrier _retrier;

    internal SalesforceWriter(SalesforceClient client, LockRetrier retrier)
    {
        _client = client;
        _retrier = retrier;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(string objectType, IReadOnlyList<CrmRecordUpdate> updates, bool bulk, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return [];
        }
        if (bulk)
        {
            return await BulkUpdateAsync(objectType, updates, cancellationToken);
        }
        // Setting fields to given values can be repeated safely, so a lost response is retried.
        var results = await _retrier.SendAsync(updates,
            (batch, ct) => _client.Collections.UpdateAsync(objectType, batch.Select(Record).ToList(), idempotent: true, ct), cancellationToken);
        return WithIds(results, updates);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CrmWriteResult>> CreateAsync(string objectType, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }
        // A locked create did not happen, so sending it again cannot duplicate the record.
        return await _retrier.SendAsync(records, (batch, ct) => _client.Collections.CreateAsync(objectType, batch, ct), cancellationToken);
    }

    private async Task<IReadOnlyList<CrmWriteResult>> BulkUpdateAsync(string objectType, IReadOnlyList<CrmRecordUpdate> updates, CancellationToken cancellationToken)
    {
        var columns = new List<string> { "Id" };
        foreach (var update in updates)
        {
            foreach (var field in update.Fields.Keys)
            {
                if (!columns.Contains(field, StringComparer.OrdinalIgnoreCase))
                {
                    columns.Add(field);
                }
            }
        }
        // An empty cell leaves a field unchanged, so records that change different fields share one job.
        var rows = updates.Select(u => (IReadOnlyList<string?>)columns.Select((c, i) => i == 0 ? u.Id : u.Fields.TryGetValue(c, out var v) ? SalesforceValues.ToCsv(v) : string.Empty).ToList());
        var outcome = await SalesforceCrmFailures.GuardAsync(() => _client.Bulk.RunIngestAsync(new BulkIngestRequest
        {
            Object = objectType, Operation = BulkOperation.Update, Columns = columns, Rows = rows,
        }, cancellationToken), cancellationToken);

        var byId = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < updates.Count; i++)
        {
            var key = Key(updates[i].Id);
            if (!byId.TryGetValue(key, out var indices))
            {
                byId[key] = indices = new Queue<int>();
            }
            indices.Enqueue(i);
        }
        var results = new CrmWriteResult?[updates.Count];
        var locked = new List<int>();
        foreach (var row in outcome.Successful)
        {
            if (Take(byId, row.Id) is { } i)
            {
                results[i] = CrmWriteResult.Ok(updates[i].Id);
            }
        }
        foreach (var row in outcome.Failed)
        {
            var id = row.Id ?? row.Fields.GetValueOrDefault("Id");
            if (id is not null && Take(byId, id) is { } i)
            {
                var error = ParseBulkError(row);
                if (error.ErrorCode == "UNABLE_TO_LOCK_ROW")
                {
                    locked.Add(i);
                }
                results[i] = CrmWriteResult.Failed(updates[i].Id, error);
            }
        }
        if (locked.Count > 0)
        {
            // A few locked rows are cheaper to resend through Collections than in a second job.
            var retried = await UpdateAsync(objectType, locked.Select(i => updates[i]).ToList(), bulk: false, cancellationToken);
            for (var j = 0; j < locked.Count; j++)
            {
                results[locked[j]] = retried[j];
            }
        }
        var reason = outcome.Job.State == "JobComplete"
            ? new CrmError("UNPROCESSED", "Bulk API did not process this record; it is sent again in the next run.", [])
            : new CrmError("BULK_JOB_" + (outcome.Job.State ?? "FAILED").ToUpperInvariant(), outcome.Job.ErrorMessage ?? $"The Bulk API job ended {outcome.Job.State}.", []);
        return results.Select((r, i) => r ?? CrmWriteResult.Failed(updates[i].Id, reason)).ToList();
    }

    private static IReadOnlyDictionary<string, object?> Record(CrmRecordUpdate update)
    {
        var record = new Dictionary<string, object?>(update.Fields.Count + 1, StringComparer.Ordinal) { ["Id"] = update.Id };
        foreach (var (field, value) in update.Fields)
        {
            record[field] = value;
        }
        return record;
    }

    private static List<CrmWriteResult> WithIds(IReadOnlyList<CrmWriteResult> results, IReadOnlyList<CrmRecordUpdate> updates) =>
        results.Select((r, i) => r.Id is null ? r with { Id = updates[i].Id } : r).ToList();

    // Bulk results carry 18-character ids; inputs may use the 15-character form.
    private static string Key(string id) => id.Length >= 15 ? id[..15] : id;

    private static int? Take(Dictionary<string, Queue<int>> byId, string id) =>
        byId.TryGetValue(Key(id), out var indices) && indices.TryDequeue(out var index) ? index : null;

    /// <summary><c>sf__Error</c> reads "STATUS_CODE:message:field1,field2 --".</summary>
    private static CrmError ParseBulkError(BulkFailedRow row)
    {
        var parts = row.Error.Split(':');
        var message = parts.Length > 1 ? string.Join(':', parts[1..^(parts.Length > 2 ? 1 : 0)]) : row.Error;
        var fields = parts.Length > 2 ? parts[^1].Replace("--", "", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        return new CrmError(row.ErrorCode, message.Trim().TrimEnd('-').Trim(), fields);
    }
}
