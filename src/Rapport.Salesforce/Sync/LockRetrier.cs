using Rapport.Salesforce.Http;
using Rapport.Salesforce.Rest;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Sends records, then sends again only those Salesforce refused for row lock contention
/// (<c>UNABLE_TO_LOCK_ROW</c>, e.g. a parent account updated by another job), after a short
/// backoff on the injected clock. What still fails after the last retry is reported failed, and
/// the next run sends it again.
/// </summary>
internal sealed class LockRetrier(TimeProvider time, SalesforceConnectorOptions options)
{
    /// <summary>
    /// Runs <paramref name="send"/> over every record, then over the locked ones; one result per
    /// record, in input order.
    /// </summary>
    public async Task<IReadOnlyList<CrmWriteResult>> SendAsync<T>(IReadOnlyList<T> records,
        Func<IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<SaveResult>>> send, CancellationToken cancellationToken)
    {
        var results = new CrmWriteResult[records.Count];
        var pending = Enumerable.Range(0, records.Count).ToList();
        var delay = options.LockRetryDelay;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
            var batch = pending.Select(i => records[i]).ToList();
            var saved = await SalesforceCrmFailures.GuardAsync(() => send(batch, cancellationToken), cancellationToken);
            var locked = new List<int>();
            for (var j = 0; j < pending.Count; j++)
            {
                var result = j < saved.Count ? saved[j] : new SaveResult(null, false, null, [new SalesforceError("UNKNOWN_EXCEPTION", "Salesforce returned no result for this record", [])]);
                if (result.IsTransientFailure && attempt < options.LockRetries)
                {
                    locked.Add(pending[j]);
                }
                else
                {
                    results[pending[j]] = ToResult(result);
                }
            }
            pending = locked;
        }
        return results;
    }

    public static CrmWriteResult ToResult(SaveResult result) => result.Success
        ? CrmWriteResult.Ok(result.Id)
        : new CrmWriteResult(result.Id, false, result.Errors.Select(e => new CrmError(e.ErrorCode, e.Message, e.Fields)).ToList());
}
