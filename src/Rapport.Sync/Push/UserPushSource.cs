using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Processing;

namespace Rapport.Sync.Push;

/// <summary>Changed user profiles; an anonymous profile's links are found under <c>anon:</c> + each of its anonymous ids.</summary>
internal sealed class UserPushSource : IPushSource
{
    public CrmProfileKind Kind => CrmProfileKind.User;

    public string CursorName => "push:user";

    // Ordered like ReadAsync: EF warns about (and providers may vary on) a row limit without an order.
    public async Task<bool> AtLeastAsync(RapportDbContext db, string datasetId, PushPosition after, int count, CancellationToken cancellationToken)
        => await After(db, datasetId, after).OrderBy(p => p.ChangeSequence).ThenBy(p => p.Id).Take(count).CountAsync(cancellationToken) >= count;

    public async Task<IReadOnlyList<PushSubject>> ReadAsync(RapportDbContext db, string datasetId, PushPosition after, int size, CancellationToken cancellationToken)
    {
        var rows = await After(db, datasetId, after)
            .OrderBy(p => p.ChangeSequence).ThenBy(p => p.Id)
            .Take(size)
            .Select(p => new { p.Id, p.ChangeSequence, p.UserId, p.Email, p.Attributes, p.Kpis, p.FirstSeenMs, p.LastSeenMs })
            .ToListAsync(cancellationToken);
        var anonymous = rows.Where(r => r.UserId is null).Select(r => r.Id).ToList();
        var anonymousIds = anonymous.Count == 0
            ? Array.Empty<(long ProfileId, string Key)>().ToLookup(i => i.ProfileId, i => i.Key)
            : (await db.Identities.AsNoTracking()
                .Where(i => i.DatasetId == datasetId && anonymous.Contains(i.ProfileId))
                .Select(i => new { i.ProfileId, i.AnonymousId })
                .ToListAsync(cancellationToken))
                .ToLookup(i => i.ProfileId, i => CrmLinkEntity.AnonymousKey(i.AnonymousId));
        return rows.Select(r =>
        {
            var kpis = ProfileDocuments.ReadKpis(r.Kpis);
            // The columns are the processor's own copy of first/last seen; trust them when the document lacks them.
            kpis.FirstSeenMs = kpis.FirstSeenMs == 0 ? r.FirstSeenMs : kpis.FirstSeenMs;
            kpis.LastSeenMs = kpis.LastSeenMs == 0 ? r.LastSeenMs : kpis.LastSeenMs;
            IReadOnlyList<string> keys = r.UserId is { } userId ? [userId] : anonymousIds[r.Id].Order(StringComparer.Ordinal).ToList();
            return new PushSubject(new PushPosition(r.ChangeSequence, r.Id), keys, r.UserId, r.Email,
                ProfileDocuments.ReadAttributes(r.Attributes), kpis);
        }).ToList();
    }

    // The plain lower bound is redundant with the tie-break below, but lets the database seek the (dataset, sequence) index.
    private static IQueryable<ProfileEntity> After(RapportDbContext db, string datasetId, PushPosition after)
        => db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId
            && p.ChangeSequence >= after.Sequence
            && (p.ChangeSequence > after.Sequence || (p.ChangeSequence == after.Sequence && p.Id > after.Id)));
}
