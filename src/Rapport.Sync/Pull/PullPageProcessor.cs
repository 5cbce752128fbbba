using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Events;
using Rapport.Core.Profiles;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;
using Rapport.Sync.Matching;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;
using Rapport.Sync.Storage;

namespace Rapport.Sync.Pull;

/// <summary>
/// Pulls one page of records: matches them, writes the changed values to the event log as
/// <see cref="EventType.CrmUpdate"/> events, then saves the links and advances the cursor in one
/// transaction. The events go first: their message ids are deterministic, so replaying a page after
/// a crash stores nothing twice, and the cursor only ever covers pages that are fully done.
/// Links are read untracked and written with <see cref="CrmLinkRows"/>: nothing of a page stays
/// in memory after it, and a page costs a few statements' preparation, not EF Core's per-entity work.
/// </summary>
internal sealed class PullPageProcessor(IDbContextFactory<RapportDbContext> contexts, IEventLog eventLog, TimeProvider time)
{
    public async Task ProcessAsync(PullTypeState state, IReadOnlyList<CrmRecord> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return;
        }
        var context = state.Context;
        var objectType = state.Type.ObjectType;
        state.Stats.AddRead(page.Count);
        var now = time.GetUtcNow();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = page.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        // One array parameter, not one parameter per id: a page of 2,000 ids would otherwise be a
        // statement SQLite parses and binds by name 2,000 times.
        var links = await db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == context.ConnectionId && l.ObjectType == objectType && EF.Parameter(ids).Contains(l.RecordId))
            .ToDictionaryAsync(l => l.RecordId, StringComparer.Ordinal, cancellationToken);
        var plan = await PullMatchPlanner.PlanAsync(db, state, page, links, cancellationToken);

        var events = new List<LoggedEvent>();
        var writes = new LinkWrites();
        foreach (var record in page)
        {
            links.TryGetValue(record.Id, out var link);
            if (record.IsDeleted)
            {
                if (link is { Deleted: false })
                {
                    link.Deleted = true;
                    link.RecordModstamp = record.Modstamp.UtcDateTime;
                    link.LastSyncedAt = now.UtcDateTime;
                    writes.Update(link);
                }
                continue;
            }
            if (record.Kind == CrmObjectKind.Lead && record.ConvertedToId is { } contactId)
            {
                if (link is { Deleted: false })
                {
                    await MoveToContactAsync(db, state, writes, link, record, contactId, now, cancellationToken);
                    state.Stats.AddMatched();
                }
                continue;
            }

            var created = false;
            PullCandidate? target = plan.Targets.TryGetValue(record.Id, out var found) ? found.Candidate : null;
            if (target is null)
            {
                if (state.Pull.Mode != PullMode.CreateMissing || PullMatchPlanner.CreateKey(state, record) is not { } key)
                {
                    continue; // update-only: an unmatched record is only counted as read
                }
                if (plan.CandidatesByKey.TryGetValue(key, out var existing))
                {
                    if (plan.LiveLinks[key].Any(l => l.ObjectType == objectType && l.RecordId != record.Id))
                    {
                        continue; // that profile is already linked to another record of this type
                    }
                    target = existing;
                }
                else
                {
                    target = state.IsAccount
                        ? new PullCandidate(0, key, null, null, key, new Dictionary<string, string?>())
                        : new PullCandidate(0, key, key, null, null, new Dictionary<string, string?>());
                    created = true;
                }
            }

            var relinked = link is null || link.Deleted || !string.Equals(link.ProfileKey, target.Key, StringComparison.Ordinal);
            var previous = relinked ? new Dictionary<string, string?>(StringComparer.Ordinal) : PulledValues.Read(link!.PulledValues);
            var current = new Dictionary<string, string?>(StringComparer.Ordinal);
            var traits = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var mapping in state.Type.Mappings)
            {
                var value = PullTypeState.Value(record, mapping.Field);
                current[mapping.Field] = value;
                var changed = previous.TryGetValue(mapping.Field, out var old) ? !string.Equals(old, value, StringComparison.Ordinal) : value is not null;
                if (changed)
                {
                    traits[mapping.Attribute] = value;
                }
            }
            if (record.Kind == CrmObjectKind.Contact)
            {
                // Kept for "account ids from matched contacts"; not a mapped field, so never an attribute.
                current["AccountId"] = record.Get("AccountId");
            }

            if (traits.Count > 0 || created)
            {
                events.Add(ToEvent(context.DatasetId, target, record, traits, now));
            }
            if (created)
            {
                state.Stats.AddCreated();
            }
            else
            {
                state.Stats.AddMatched();
                if (traits.Count > 0)
                {
                    state.Stats.AddUpdated();
                }
                else
                {
                    state.Stats.AddUnchanged();
                }
            }

            if (link is null)
            {
                link = new CrmLinkEntity
                {
                    ConnectionId = context.ConnectionId, ObjectType = objectType, RecordId = record.Id, ProfileKey = target.Key,
                    ProfileKind = state.IsAccount ? CrmProfileKind.Account : CrmProfileKind.User, LinkedAt = now.UtcDateTime,
                };
                writes.Insert(link);
                links[record.Id] = link;
            }
            else if (relinked)
            {
                writes.Rekey(link);
                link.ProfileKey = target.Key;
                link.Deleted = false;
                link.ConvertedToId = null;
                link.LinkedAt = now.UtcDateTime;
                // What was pushed to this record came from another profile (or an earlier life): push starts over.
                link.PushedValues = "{}";
                link.RejectedPushHash = null;
            }
            link.PulledValues = PulledValues.Write(current);
            link.RecordCreatedAt = record.CreatedDate.UtcDateTime;
            link.RecordModstamp = record.Modstamp.UtcDateTime;
            link.LastSyncedAt = now.UtcDateTime;
            writes.Update(link);
        }

        if (events.Count > 0)
        {
            await eventLog.AppendAsync(events, cancellationToken);
        }
        // The cursor is read (and its change staged) first: the transaction only writes.
        await AdvanceCursorAsync(db, state, page.Max(r => r.Modstamp), now, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await CrmLinkRows.InsertAsync(db, writes.Inserted, cancellationToken);
            await CrmLinkRows.UpdateAsync(db, writes.Updated, writes.Rekeyed, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A converted lead's profile now belongs with the contact it became (seed 000).</summary>
    private static async Task MoveToContactAsync(RapportDbContext db, PullTypeState state, LinkWrites writes, CrmLinkEntity leadLink, CrmRecord lead,
        string contactId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        leadLink.Deleted = true;
        leadLink.ConvertedToId = contactId;
        leadLink.RecordModstamp = lead.Modstamp.UtcDateTime;
        leadLink.LastSyncedAt = now.UtcDateTime;
        writes.Update(leadLink);
        var contactType = state.ContactTypes.Count > 0 ? state.ContactTypes[0] : "Contact";
        var connectionId = state.Context.ConnectionId;
        // Another lead of this page may have become the same contact.
        var contactLink = writes.Find(contactType, contactId)
            ?? await db.CrmLinks.AsNoTracking().FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.ObjectType == contactType && l.RecordId == contactId,
                cancellationToken);
        if (contactLink is null)
        {
            // The contact's own values arrive with its next change; until then the link carries the profile.
            writes.Insert(new CrmLinkEntity
            {
                ConnectionId = connectionId, ObjectType = contactType, RecordId = contactId, ProfileKind = CrmProfileKind.User,
                ProfileKey = leadLink.ProfileKey, RecordCreatedAt = lead.Modstamp.UtcDateTime, LinkedAt = now.UtcDateTime,
                LastSyncedAt = now.UtcDateTime,
            });
        }
        else if (contactLink.Deleted)
        {
            contactLink.Deleted = false;
            contactLink.ProfileKey = leadLink.ProfileKey;
            contactLink.LinkedAt = now.UtcDateTime;
            contactLink.PulledValues = "{}";
            contactLink.PushedValues = "{}";
            writes.Rekey(contactLink);
        }
        else
        {
            // Unchanged, but the page's later leads converting to it must find this same instance.
            writes.Remember(contactLink);
        }
    }

    private static async Task AdvanceCursorAsync(RapportDbContext db, PullTypeState state, DateTimeOffset pageMax, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A checkpoint never moves back (pages of an overlap re-read end below it).
        await SyncCursors.SetAsync(db, state.Context.ConnectionId, state.CursorName, PullCursor.Format(pageMax), now.UtcDateTime, cancellationToken,
            replaces: stored => PullCursor.Parse(stored) is not { } previous || previous < pageMax);
    }

    private static LoggedEvent ToEvent(string datasetId, PullCandidate target, CrmRecord record, Dictionary<string, string?> traits,
        DateTimeOffset now)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["source"] = AttributeSources.Salesforce,
            ["traits"] = traits,
        });
        // Same record, change, target and values → same id, so a replayed page is deduplicated; a
        // different payload for the same modstamp (a new mapping, a relinked record) still gets in.
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.Key).Concat(payload).ToArray()))[..12];
        return new LoggedEvent
        {
            DatasetId = datasetId,
            MessageId = "sf:" + record.Id + ":" + record.Modstamp.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + digest,
            Type = EventType.CrmUpdate,
            UserId = target.UserId,
            AnonymousId = target.AnonymousId,
            GroupId = target.GroupId,
            TimestampMs = record.Modstamp.ToUnixTimeMilliseconds(),
            ReceivedAtMs = now.ToUnixTimeMilliseconds(),
            Payload = payload,
        };
    }
}
