using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Processing;

namespace Rapport.Sync.Push;

/// <summary>Changed accounts; their links are stored under the group id.</summary>
internal sealed class AccountPushSource : IPushSource
{
    public CrmProfileKind Kind => CrmProfileKind.Account;

    public string CursorName => "push:account";

    // Ordered like ReadAsync: EF warns about (and providers may vary on) a row limit without an order.
    public async Task<bool> AtLeastAsync(RapportDbContext db, string datasetId, PushPosition after, int count, CancellationToken cancellationToken)
        => await After(db, datasetId, after).OrderBy(a => a.ChangeSequence).ThenBy(a => a.Id).Take(count).CountAsync(cancellationToken) >= count;

    public async Task<IReadOnlyList<PushSubject>> ReadAsync(RapportDbContext db, string datasetId, PushPosition after, int size, CancellationToken cancellationToken)
    {
        var rows = await After(db, datasetId, after)
            .OrderBy(a => a.ChangeSequence).ThenBy(a => a.Id)
            .Take(size)
            .Select(a => new { a.Id, a.ChangeSequence, a.GroupId, a.Attributes, a.Kpis, a.LastSeenMs })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var kpis = ProfileDocuments.ReadKpis(r.Kpis);
            kpis.LastSeenMs = kpis.LastSeenMs == 0 ? r.LastSeenMs : kpis.LastSeenMs;
            return new PushSubject(new PushPosition(r.ChangeSequence, r.Id), [r.GroupId], null, null,
                ProfileDocuments.ReadAttributes(r.Attributes), kpis);
        }).ToList();
    }

    // The plain lower bound is redundant with the tie-break below, but lets the database seek the (dataset, sequence) index.
    private static IQueryable<AccountEntity> After(RapportDbContext db, string datasetId, PushPosition after)
        => db.Accounts.AsNoTracking().Where(a => a.DatasetId == datasetId
            && a.ChangeSequence >= after.Sequence
            && (a.ChangeSequence > after.Sequence || (a.ChangeSequence == after.Sequence && a.Id > after.Id)));
}
