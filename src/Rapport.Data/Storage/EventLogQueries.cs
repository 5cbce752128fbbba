using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;

namespace Rapport.Data.Storage;

/// <summary>
/// The console's reads of a dataset's event log: the latest events and the events after a position
/// (the live stream). Every query walks the <c>(dataset_id, sequence)</c> index from a known
/// position, so none grows with the whole log.
/// </summary>
public sealed class EventLogQueries(IDbContextFactory<RapportDbContext> contextFactory, IEventStaging staging)
{
    /// <summary>
    /// How many of a dataset's latest events the recent list filters through. It bounds the cost
    /// of a filter no index serves (name, type) whatever the size of the log: the list is for
    /// watching what arrives, the profile pages are for a person's history.
    /// </summary>
    public const int RecentWindow = 10_000;

    /// <summary>
    /// The dataset's last sequence number (0 when it has no events): one index seek. Staged
    /// appends are moved into the log first (up to <see cref="StagedEventReads.ReadYourWritesBudget"/>),
    /// so what was accepted before this call is at or below the number returned.
    /// </summary>
    public async Task<long> LastSequenceAsync(string datasetId, CancellationToken cancellationToken)
    {
        await staging.SplitAsync(StagedEventReads.ReadYourWritesBudget, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>
    /// The latest events matching <paramref name="filter"/> among the dataset's
    /// <see cref="RecentWindow"/> latest up to <paramref name="upToSequence"/>, newest first.
    /// </summary>
    public async Task<List<EventEntity>> RecentAsync(string datasetId, EventLogFilter filter, long upToSequence, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var window = db.Events.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.Sequence <= upToSequence)
            .OrderByDescending(e => e.Sequence)
            .Take(RecentWindow);
        return await Apply(window, filter).OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Events matching <paramref name="filter"/> with a sequence after <paramref name="afterSequence"/>
    /// and at most <paramref name="upToSequence"/>, oldest first: the next page of a live stream.
    /// </summary>
    public async Task<List<EventEntity>> AfterAsync(string datasetId, EventLogFilter filter, long afterSequence, long upToSequence, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var range = db.Events.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.Sequence > afterSequence && e.Sequence <= upToSequence);
        return await Apply(range, filter).OrderBy(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The last sequence the processor applied to profiles (0 before it started): one key lookup.</summary>
    public async Task<long> ProcessedPositionAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProcessedPositionAsync(datasetId, cancellationToken);
    }

    private static IQueryable<EventEntity> Apply(IQueryable<EventEntity> query, EventLogFilter filter)
    {
        if (filter.Type is { } type)
        {
            var value = (int)type;
            query = query.Where(e => e.Type == value);
        }
        if (!string.IsNullOrEmpty(filter.Name))
        {
            var name = filter.Name;
            query = query.Where(e => e.Name == name);
        }
        if (filter.HasPerson)
        {
            var userId = filter.UserId;
            var anonymous = filter.AnonymousIds ?? [];
            query = query.Where(e => (userId != null && e.UserId == userId) || anonymous.Contains(e.AnonymousId!));
        }
        return query;
    }
}
