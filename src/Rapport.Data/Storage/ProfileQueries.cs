using Microsoft.EntityFrameworkCore;
using Rapport.Core.Events;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;

namespace Rapport.Data.Storage;

/// <summary>Read side of profiles, accounts and the event log, for the admin read API.</summary>
public sealed class ProfileQueries(IDbContextFactory<RapportDbContext> contextFactory, IEventStaging staging)
{
    public async Task<List<ProfileEntity>> ListProfilesAsync(string datasetId, string? search, int limit, long afterId,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Search(db, db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId && p.Id > afterId), search);
        return await query.OrderBy(p => p.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Profiles matching <paramref name="search"/> (as <see cref="ListProfilesAsync"/>), newest first,
    /// those created before the profile <paramref name="beforeId"/>: the console's list, which pages backwards.
    /// </summary>
    public async Task<List<ProfileEntity>> ListNewestProfilesAsync(string datasetId, string? search, int limit, long beforeId,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Search(db, db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId && p.Id < beforeId), search);
        return await query.OrderByDescending(p => p.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>For each profile, its first anonymous id in ordinal order: how a profile without a user id is addressed.</summary>
    public async Task<Dictionary<long, string>> FirstAnonymousIdsAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken)
    {
        if (profileIds.Count == 0)
        {
            return [];
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Identities.AsNoTracking().Where(i => profileIds.Contains(i.ProfileId))
            .Select(i => new { i.ProfileId, i.AnonymousId }).ToListAsync(cancellationToken);
        // Ordered here, not in SQL: ordinal order is the same on every provider only in .NET.
        return rows.GroupBy(r => r.ProfileId)
            .ToDictionary(g => g.Key, g => g.Select(r => r.AnonymousId).Order(StringComparer.Ordinal).First());
    }

    /// <summary>
    /// Accounts whose group id or name contains <paramref name="search"/> (any case), by group id,
    /// after <paramref name="afterGroupId"/>, each with its number of members.
    /// </summary>
    public async Task<List<AccountListRow>> ListAccountsAsync(string datasetId, string? search, int limit, string? afterGroupId,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Accounts.AsNoTracking().Where(a => a.DatasetId == datasetId);
        if (!string.IsNullOrEmpty(afterGroupId))
        {
            query = query.Where(a => string.Compare(a.GroupId, afterGroupId) > 0);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = ContainsPattern(search);
            query = query.Where(a => EF.Functions.Like(a.SearchText, pattern, "\\"));
        }
        return await query.OrderBy(a => a.GroupId).Take(limit)
            .Select(a => new AccountListRow(a, db.Memberships.Count(m => m.AccountId == a.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A profile's events (under any of its ids, as the processor resolved them) between two instants,
    /// counted per <paramref name="bucketMs"/>-long bucket of Unix time in one grouped query:
    /// key = timestamp / bucketMs. CRM updates and aliases are not activity and are left out.
    /// </summary>
    public async Task<Dictionary<long, int>> ActivityBucketsAsync(long profileId, long fromMs, long toMs, long bucketMs,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var crmUpdate = (int)EventType.CrmUpdate;
        var alias = (int)EventType.Alias;
        var rows = await db.ProfileEvents.AsNoTracking()
            .Where(p => p.ProfileId == profileId)
            .Join(db.Events.AsNoTracking(), p => p.Sequence, e => e.Sequence, (_, e) => e)
            .Where(e => e.TimestampMs >= fromMs && e.TimestampMs < toMs && e.Type != crmUpdate && e.Type != alias)
            .GroupBy(e => e.TimestampMs / bucketMs)
            .Select(g => new { Bucket = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Bucket, r => r.Count);
    }

    /// <summary>
    /// The live (not deleted) CRM records linked to a profile or account of the dataset's Salesforce
    /// connection, by any of its <paramref name="profileKeys"/> (see <see cref="CrmLinkEntity"/>), with
    /// the connection's instance URL (null when it never connected); empty without a connection.
    /// </summary>
    public async Task<List<LinkedCrmRecord>> CrmRecordsAsync(string datasetId, CrmProfileKind kind, IReadOnlyCollection<string> profileKeys,
        CancellationToken cancellationToken)
    {
        if (profileKeys.Count == 0)
        {
            return [];
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.SalesforceConnections.AsNoTracking().Where(c => c.DatasetId == datasetId)
            .Select(c => new { c.Id, c.InstanceUrl }).SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return [];
        }
        var links = await db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection.Id && l.ProfileKind == kind && !l.Deleted && profileKeys.Contains(l.ProfileKey))
            .ToListAsync(cancellationToken);
        return links
            .OrderBy(l => l.ObjectType == "Contact" ? 0 : l.ObjectType == "Lead" ? 1 : 2)
            .ThenBy(l => l.RecordCreatedAt).ThenBy(l => l.RecordId, StringComparer.Ordinal)
            .Select(l => new LinkedCrmRecord(l.ObjectType, l.RecordId, connection.InstanceUrl, l.ConvertedToId, l.LastSyncedAt))
            .ToList();
    }

    /// <summary>A profile by user id, or by one of its anonymous ids.</summary>
    public async Task<ProfileEntity?> FindProfileAsync(string datasetId, string id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.DatasetId == datasetId && p.UserId == id, cancellationToken);
        if (profile is not null)
        {
            return profile;
        }
        var owner = await db.Identities.AsNoTracking()
            .Where(i => i.DatasetId == datasetId && i.AnonymousId == id)
            .Select(i => (long?)i.ProfileId)
            .SingleOrDefaultAsync(cancellationToken);
        return owner is null ? null : await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == owner, cancellationToken);
    }

    public async Task<List<string>> AnonymousIdsAsync(long profileId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Identities.AsNoTracking().Where(i => i.ProfileId == profileId)
            .OrderBy(i => i.AnonymousId).Select(i => i.AnonymousId).ToListAsync(cancellationToken);
    }

    public async Task<List<AccountEntity>> AccountsOfAsync(long profileId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Memberships.AsNoTracking().Where(m => m.ProfileId == profileId)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (_, a) => a)
            .OrderBy(a => a.GroupId).ToListAsync(cancellationToken);
    }

    public async Task<AccountEntity?> FindAccountAsync(string datasetId, string groupId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.DatasetId == datasetId && a.GroupId == groupId, cancellationToken);
    }

    public async Task<(List<ProfileEntity> Members, int Total)> MembersAsync(long accountId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId)
            .Join(db.Profiles, m => m.ProfileId, p => p.Id, (_, p) => p);
        var total = await members.CountAsync(cancellationToken);
        var page = await members.OrderByDescending(p => p.LastSeenMs).Take(limit).ToListAsync(cancellationToken);
        return (page, total);
    }

    /// <summary>
    /// Latest events first, optionally of one person and one name. A person's processed events come
    /// from the processor's index (<see cref="ProfileEventEntity"/>); the ones it has not reached
    /// yet are matched by id among the newest <see cref="EventLogQueries.RecentWindow"/> after its
    /// checkpoint, so an event shows up as soon as it is accepted.
    /// </summary>
    public async Task<List<EventEntity>> EventsAsync(string datasetId, EventPerson? person, string? name, int limit, long beforeSequence,
        CancellationToken cancellationToken)
    {
        // An event is listed as soon as its append returned: staged ones are moved into the log first.
        await staging.SplitAsync(StagedEventReads.ReadYourWritesBudget, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (person is null)
        {
            return await Named(db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Sequence < beforeSequence), name)
                .OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
        }

        var position = await db.ProcessedPositionAsync(datasetId, cancellationToken);
        var userId = person.UserId;
        var anonymous = person.AnonymousIds;
        var pending = db.Events.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.Sequence > position && e.Sequence < beforeSequence)
            .OrderByDescending(e => e.Sequence)
            .Take(EventLogQueries.RecentWindow)
            // An aliased user id lives on among the anonymous ids, and events may still carry it as userId.
            .Where(e => (userId != null && e.UserId == userId) || anonymous.Contains(e.AnonymousId!) || anonymous.Contains(e.UserId!));
        var events = await Named(pending, name).OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
        if (events.Count < limit && person.ProfileId is { } profileId)
        {
            var upTo = Math.Min(beforeSequence, position + 1);
            var processed = db.ProfileEvents.AsNoTracking()
                .Where(p => p.ProfileId == profileId && p.Sequence < upTo)
                .Join(db.Events.AsNoTracking(), p => p.Sequence, e => e.Sequence, (_, e) => e);
            events.AddRange(await Named(processed, name).OrderByDescending(e => e.Sequence).Take(limit - events.Count).ToListAsync(cancellationToken));
        }
        return events;
    }

    private static IQueryable<EventEntity> Named(IQueryable<EventEntity> query, string? name)
        => string.IsNullOrEmpty(name) ? query : query.Where(e => e.Name == name);

    public async Task<List<CheckpointEntity>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Checkpoints.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>How far processing is: checkpoint, events waiting, and how old the oldest waiting one is.</summary>
    public async Task<(long Position, long Pending, long LagMs)> StatusAsync(string datasetId, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Staged events first, then the log: the processor may move events from one to the other
        // between the two reads. In this order such an event is counted twice for a moment; in the
        // other it was counted in neither, and "0 pending" was reported before it was applied
        // (seen in CI). Waiting for 0 pending must mean everything accepted so far is applied.
        var staged = await db.StagedEventsAsync(datasetId, cancellationToken);
        var position = await db.ProcessedPositionAsync(datasetId, cancellationToken);
        var pending = db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Sequence > position);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.OrderBy(e => e.Sequence).Select(e => (long?)e.ReceivedAtMs).FirstOrDefaultAsync(cancellationToken);
        // Staged events are newer than every event in the log, so they are the oldest pending only when the log has none.
        oldest ??= staged.OldestReceivedAtMs;
        return (position, count + staged.Count, oldest is null ? 0 : Math.Max(0, nowMs - oldest.Value));
    }

    /// <summary>
    /// The profile search: user id, email and name contain the text (any case), or an anonymous id
    /// starts with it (exactly as sent: anonymous ids are opaque and long, so a prefix is what people paste).
    /// </summary>
    private static IQueryable<ProfileEntity> Search(RapportDbContext db, IQueryable<ProfileEntity> query, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return query;
        }
        var pattern = ContainsPattern(search);
        var prefix = search.Trim();
        return query.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\")
            || db.Identities.Any(i => i.ProfileId == p.Id && i.AnonymousId.StartsWith(prefix)));
    }

    private static string ContainsPattern(string search) => "%" + EscapeLike(search.Trim().ToLowerInvariant()) + "%";

    private static string EscapeLike(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
