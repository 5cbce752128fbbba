using Microsoft.EntityFrameworkCore;

namespace Rapport.Data.Storage;

/// <summary>The counts on a dataset's overview page.</summary>
public sealed class DatasetOverviewQueries(IDbContextFactory<RapportDbContext> contextFactory)
{
    private const long DayMs = 24 * 60 * 60 * 1000;

    /// <summary>
    /// Profiles, accounts and events of the dataset, and events received in the 24 hours before
    /// <paramref name="nowMs"/>. The first three are O(n) counts of an index range
    /// (<c>(dataset_id, id)</c>, <c>(dataset_id, group_id)</c>, <c>(dataset_id, sequence)</c>): no
    /// stored counter replaces them yet, but none reads the rows themselves. The last day's count
    /// is O(events of the day).
    /// </summary>
    public async Task<DatasetCounts> CountsAsync(string datasetId, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().LongCountAsync(p => p.DatasetId == datasetId, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().LongCountAsync(a => a.DatasetId == datasetId, cancellationToken);
        var events = db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId);
        var total = await events.LongCountAsync(cancellationToken);

        // Receive times grow with the sequence, so the last event older than a day is found by
        // walking the index back from the end (reading only the day's rows), and the day's events
        // are the index range after it.
        var since = nowMs - DayMs;
        var boundary = await events.Where(e => e.ReceivedAtMs < since)
            .OrderByDescending(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var lastDay = await events.LongCountAsync(e => e.Sequence > boundary, cancellationToken);
        // Accepted moments ago and not yet moved into the log: received within the day, unless the
        // server stopped with them staged a day ago, which is too rare to walk them for.
        var staged = await db.StagedEventsAsync(datasetId, cancellationToken);
        return new DatasetCounts(profiles, accounts, total + staged.Count, lastDay + staged.Count);
    }
}
