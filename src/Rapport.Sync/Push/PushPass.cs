using Microsoft.EntityFrameworkCore;
using Rapport.Core.Profiles;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Storage;
using Rapport.Sync.Batching;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;
using Rapport.Sync.Storage;

namespace Rapport.Sync.Push;

/// <summary>
/// Pushes one kind of profile (users or accounts): pages of changed rows in cursor order, the
/// fields that differ from the journal, written in collection- or bulk-sized batches. Each batch's
/// link updates and the cursor are saved together, so a crash re-sends at most the batch in flight.
/// Links are read untracked and written with <see cref="CrmLinkRows"/>, as pull does.
/// </summary>
internal sealed class PushPass(
    IDbContextFactory<RapportDbContext> contexts,
    TimeProvider time,
    SyncContext context,
    IPushSource source,
    PushFieldPlan plan,
    IReadOnlyList<string> targets,
    string? leadObjectType,
    LeadFactory? leads,
    int today)
{
    /// <summary>
    /// Profiles read per query, in every run. A bulk run gathers the writes of several such pages into
    /// one job: what waits for the job is the compact write (record id, changed fields, link), never
    /// the profiles' documents, so memory stays flat however many profiles changed.
    /// </summary>
    public const int CollectionPageSize = 1_000;

    /// <summary>Upper bound on the writes of one object type gathered for a bulk job.</summary>
    public const int MaxBulkPageSize = 20_000;

    private readonly string _mappingCursor = source.CursorName + ":mapping";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var threshold = Math.Max(1, context.Settings.Push.BulkThreshold);
        PushPosition start;
        bool bulkRun;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var mapping = plan.MappingHash + (leads is null ? "" : "|" + Sha256Hex.Of(leads.Fingerprint));
            var stored = await SyncCursors.GetAsync(db, context.ConnectionId, _mappingCursor, cancellationToken);
            if (stored == mapping)
            {
                start = PushPosition.Parse(await SyncCursors.GetAsync(db, context.ConnectionId, source.CursorName, cancellationToken));
            }
            else
            {
                // A new or changed mapping concerns every profile, not only the ones changed since the cursor;
                // the journal keeps the values that are already right from being sent again.
                start = PushPosition.Start;
                var now = time.GetUtcNow().UtcDateTime;
                await SyncCursors.SetAsync(db, context.ConnectionId, source.CursorName, start.ToString(), now, cancellationToken);
                await SyncCursors.SetAsync(db, context.ConnectionId, _mappingCursor, mapping, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            bulkRun = PushBatchPlanner.Choose(
                await source.AtLeastAsync(db, context.DatasetId, start, threshold, cancellationToken) ? threshold : 0, threshold) == PushMethod.Bulk;
        }

        var progress = new PushProgress(start);
        // A collections run sends each page's writes before reading the next; a bulk run holds an object
        // type's writes until they fill a job (or the pass ends). A crash re-sends at most what was held.
        var jobSize = bulkRun ? Math.Clamp(threshold, CollectionPageSize, MaxBulkPageSize) : 1;
        var updates = new Dictionary<string, List<PendingWrite>>(StringComparer.Ordinal);
        var after = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<PushSubject> page;
            List<PendingWrite> creates;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                page = await source.ReadAsync(db, context.DatasetId, after, CollectionPageSize, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }
                after = page[^1].Position;
                creates = await PlanPageAsync(db, page, progress, updates, cancellationToken);
            }
            var last = page.Count < CollectionPageSize;
            foreach (var objectType in updates.Where(u => last || u.Value.Count >= jobSize).Select(u => u.Key).ToList())
            {
                await SendUpdatesAsync(objectType, updates[objectType], progress, bulkRun, threshold, cancellationToken);
                updates.Remove(objectType);
            }
            await SendCreatesAsync(creates, progress, cancellationToken);
            if (last)
            {
                break;
            }
        }
        // A pass whose last page was exactly full ends on an empty read: what is still held goes now.
        foreach (var (objectType, pending) in updates)
        {
            await SendUpdatesAsync(objectType, pending, progress, bulkRun, threshold, cancellationToken);
        }
    }

    /// <summary>
    /// Plans one page: adds its updates to <paramref name="updates"/> and returns the leads to create;
    /// profiles with nothing to send are done at once, and the cursor moves over them.
    /// </summary>
    private async Task<List<PendingWrite>> PlanPageAsync(RapportDbContext db, IReadOnlyList<PushSubject> page, PushProgress progress,
        Dictionary<string, List<PendingWrite>> updates, CancellationToken cancellationToken)
    {
        var keys = page.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal).ToList();
        var links = (await db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == context.ConnectionId && l.ProfileKind == source.Kind && EF.Parameter(keys).Contains(l.ProfileKey)
                && !l.Deleted && l.ConvertedToId == null)
            .ToListAsync(cancellationToken))
            .ToLookup(l => l.ProfileKey, StringComparer.Ordinal);

        var creates = new List<PendingWrite>();
        foreach (var subject in page)
        {
            var entry = progress.Add(subject.Position);
            var live = subject.Keys.SelectMany(k => links[k]).ToList();
            var link = Preferred(live);
            if (link is null)
            {
                if (live.Count == 0 && leads?.Build(subject) is { } lead)
                {
                    context.Run.For("push", leadObjectType!).AddRead();
                    var pushed = Desired(subject).Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                    foreach (var (field, value) in pushed)
                    {
                        lead[field] = value;
                    }
                    creates.Add(new PendingWrite(entry, subject.Keys[0], null, lead, pushed, ""));
                }
                else
                {
                    entry.Done = true;
                }
                continue;
            }

            var stats = context.Run.For("push", link.ObjectType);
            stats.AddRead();
            var changes = Changes(Desired(subject), link);
            var hash = changes.Count == 0 ? null : PushJournal.PayloadHash(link.ObjectType, link.RecordId, changes);
            // A payload the CRM rejected is not sent again until the record or the mapping changes it.
            if (hash is null || hash == link.RejectedPushHash)
            {
                stats.AddUnchanged();
                entry.Done = true;
                continue;
            }
            if (!updates.TryGetValue(link.ObjectType, out var pending))
            {
                updates[link.ObjectType] = pending = [];
            }
            pending.Add(new PendingWrite(entry, link.ProfileKey, link, changes, changes, hash));
        }
        if (creates.Count == 0 && updates.Count == 0)
        {
            // Nothing waits: the cursor moves over the page now, not only when a later page sends something.
            await SaveAsync(db, progress, null, cancellationToken);
        }
        return creates;
    }

    private async Task SendUpdatesAsync(string objectType, List<PendingWrite> pending, PushProgress progress, bool bulkRun, int threshold,
        CancellationToken cancellationToken)
    {
        // Within a bulk run, a flush goes through a bulk job when collections would take more than one call.
        var bulk = bulkRun && PushBatchPlanner.Choose(pending.Count, Math.Min(threshold, PushBatchPlanner.CollectionSize + 1)) == PushMethod.Bulk;
        IEnumerable<IReadOnlyList<PendingWrite>> batches = bulk ? [pending] : PushBatchPlanner.Batches(pending);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var batch in batches)
        {
            var results = await context.Connector.Writer.UpdateAsync(objectType,
                batch.Select(p => new CrmRecordUpdate(p.Link!.RecordId, p.Fields)).ToList(), bulk, cancellationToken);
            var settled = Settle(objectType, batch, results);
            await SaveAsync(db, progress, settled, cancellationToken);
        }
    }

    private async Task SendCreatesAsync(List<PendingWrite> creates, PushProgress progress, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var batch in PushBatchPlanner.Batches(creates))
        {
            var results = await context.Connector.Writer.CreateAsync(leadObjectType!,
                batch.Select(p => (IReadOnlyDictionary<string, object?>)p.Fields).ToList(), cancellationToken);
            var settled = Settle(leadObjectType!, batch, results);
            await SaveAsync(db, progress, settled, cancellationToken);
        }
    }

    /// <summary>The link pushed to: contacts before leads (seed 000), then the oldest record.</summary>
    private CrmLinkEntity? Preferred(List<CrmLinkEntity> live)
    {
        CrmLinkEntity? best = null;
        var bestRank = int.MaxValue;
        foreach (var link in live)
        {
            var rank = IndexOf(link.ObjectType);
            if (rank < 0)
            {
                continue;
            }
            if (best is null || rank < bestRank || (rank == bestRank && (link.RecordCreatedAt, link.Id).CompareTo((best.RecordCreatedAt, best.Id)) < 0))
            {
                best = link;
                bestRank = rank;
            }
        }
        return best;
    }

    private int IndexOf(string objectType)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (string.Equals(targets[i], objectType, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Every pushed field's value for the subject, formatted for its CRM type.</summary>
    private Dictionary<string, object?> Desired(PushSubject subject)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in plan.Fields)
        {
            values[field.ApiName] = field.Field.Source == PushValueSource.Kpi
                ? PushValueFormatter.FromKpi(field.Field.Name, subject.Kpis, today, field.Type)
                : PushValueFormatter.FromJson(subject.Attributes.TryGet(field.Field.Name, out var attribute) ? attribute.Value : null, field.Type);
        }
        return values;
    }

    /// <summary>
    /// The fields whose value differs from the last one pushed. A field Rapport never wrote and has
    /// no value for is left alone, and a value equal to what the CRM last held (two-way fields) is no
    /// change: pulling already made the later of the two changes the profile's value.
    /// </summary>
    private Dictionary<string, object?> Changes(Dictionary<string, object?> desired, CrmLinkEntity link)
    {
        var pushed = PushJournal.Read(link.PushedValues);
        Dictionary<string, string?>? pulled = null;
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in plan.Fields)
        {
            var value = desired[field.ApiName];
            var text = PushValueFormatter.Canonical(value);
            if (pushed.TryGetValue(field.ApiName, out var last) ? PushValueFormatter.SameValue(text, last) : text is null)
            {
                continue;
            }
            if (field.IsExisting)
            {
                pulled ??= PushJournal.Read(link.PulledValues);
                if (pulled.TryGetValue(field.ApiName, out var remote) && PushValueFormatter.SameValue(text, remote))
                {
                    continue;
                }
            }
            changes[field.ApiName] = value;
        }
        return changes;
    }

    /// <summary>Applies a batch's results to its links; returns the links to write.</summary>
    private SettledLinks Settle(string objectType, IReadOnlyList<PendingWrite> batch, IReadOnlyList<CrmWriteResult> results)
    {
        var settled = new SettledLinks([], []);
        var stats = context.Run.For("push", objectType);
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            var result = i < results.Count ? results[i] : CrmWriteResult.Failed(write.Link?.RecordId, MissingResult);
            if (result.Success)
            {
                if (write.Link is { } link)
                {
                    link.PushedValues = PushJournal.Merge(link.PushedValues, write.PushedFields);
                    link.RejectedPushHash = null;
                    link.LastSyncedAt = now;
                    settled.Updated.Add(link);
                    stats.AddUpdated();
                }
                else
                {
                    settled.Created.Add(new CrmLinkEntity
                    {
                        ConnectionId = context.ConnectionId, ObjectType = objectType, RecordId = result.Id!, ProfileKind = source.Kind,
                        ProfileKey = write.ProfileKey, RecordCreatedAt = now, LinkedAt = now, LastSyncedAt = now,
                        PushedValues = PushJournal.Merge("{}", write.PushedFields),
                    });
                    stats.AddCreated();
                }
                write.Entry.Done = true;
                continue;
            }

            stats.AddFailed();
            var errors = result.Errors.Count > 0 ? result.Errors : [Unexplained];
            foreach (var error in errors)
            {
                context.Run.Error("push", objectType, write.Link?.RecordId, write.ProfileKey, error);
            }
            // Lock contention and the like say nothing about the record: leave it for the next run.
            if (errors.All(e => e.IsTransient))
            {
                continue;
            }
            if (write.Link is { } rejected)
            {
                rejected.RejectedPushHash = write.Hash;
                rejected.LastSyncedAt = now;
                settled.Updated.Add(rejected);
            }
            write.Entry.Done = true;
        }
        return settled;
    }

    private async Task SaveAsync(RapportDbContext db, PushProgress progress, SettledLinks? links, CancellationToken cancellationToken)
    {
        progress.Advance();
        // The cursor is read (and its change staged) first: the transaction only writes.
        await SyncCursors.SetAsync(db, context.ConnectionId, source.CursorName, progress.Safe.ToString(), time.GetUtcNow().UtcDateTime, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (links is not null)
        {
            // Push only writes the journal: a link's profile never changes here.
            await CrmLinkRows.UpdateAsync(db, links.Updated, null, cancellationToken);
            await CrmLinkRows.InsertAsync(db, links.Created, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly CrmError MissingResult = new("SERVER_UNAVAILABLE", "The CRM returned no result for this record.", []);
    private static readonly CrmError Unexplained = new("UNKNOWN_ERROR", "The CRM rejected the record without giving a reason.", []);
}
