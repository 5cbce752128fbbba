using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;

namespace Rapport.Data.Storage;

/// <summary>Read side of profiles, accounts and the event log, for the admin read API.</summary>
public sealed class ProfileQueries(IDbContextFactory<RapportDbContext> contextFactory)
{
    public async Task<List<ProfileEntity>> ListProfilesAsync(string datasetId, string? search, int limit, long afterId,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId && p.Id > afterId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + EscapeLike(search.Trim().ToLowerInvariant()) + "%";
            query = query.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
        }
        return await query.OrderBy(p => p.Id).Take(limit).ToListAsync(cancellationToken);
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

    /// <summary>Latest events first, optionally of one person (all their ids) and one name.</summary>
    public async Task<List<EventEntity>> EventsAsync(string datasetId, string? userId, IReadOnlyCollection<string>? anonymousIds,
        string? name, int limit, long beforeSequence, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Sequence < beforeSequence);
        if (userId is not null || anonymousIds is { Count: > 0 })
        {
            var anonymous = anonymousIds ?? [];
            query = query.Where(e => (userId != null && e.UserId == userId) || anonymous.Contains(e.AnonymousId!));
        }
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(e => e.Name == name);
        }
        return await query.OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<List<CheckpointEntity>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Checkpoints.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>How far processing is: checkpoint, events waiting, and how old the oldest waiting one is.</summary>
    public async Task<(long Position, long Pending, long LagMs)> StatusAsync(string datasetId, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var position = await db.Checkpoints.AsNoTracking().Where(c => c.DatasetId == datasetId)
            .Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var pending = db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Sequence > position);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.OrderBy(e => e.Sequence).Select(e => (long?)e.ReceivedAtMs).FirstOrDefaultAsync(cancellationToken);
        return (position, count, oldest is null ? 0 : Math.Max(0, nowMs - oldest.Value));
    }

    private static string EscapeLike(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
