using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Activities;

/// <summary>
/// Resolves the people of a chunk of events to their live CRM links, in a few set queries per chunk
/// (never one per event): user id → profile; else anonymous id → identity → profile; the profile's
/// key (user id, or <c>anon:</c> + any of its anonymous ids) → contact (preferred) or lead; its
/// account memberships → the first linked account, by group id, as <c>WhatId</c>.
/// </summary>
internal static class ActivityRecipients
{
    public static async Task<Dictionary<long, ActivityRecipient>> ResolveAsync(RapportDbContext db, string datasetId, string connectionId,
        IReadOnlyList<EventEntity> events, CancellationToken cancellationToken)
    {
        var userIds = events.Where(e => e.UserId is not null).Select(e => e.UserId!).Distinct(StringComparer.Ordinal).ToList();
        var anonymousIds = events.Where(e => e.UserId is null && e.AnonymousId is not null).Select(e => e.AnonymousId!).Distinct(StringComparer.Ordinal).ToList();

        var identityProfiles = anonymousIds.Count == 0 ? [] : await db.Identities.AsNoTracking()
            .Where(i => i.DatasetId == datasetId && anonymousIds.Contains(i.AnonymousId))
            .ToDictionaryAsync(i => i.AnonymousId, i => i.ProfileId, StringComparer.Ordinal, cancellationToken);
        var byUser = userIds.Count == 0 ? [] : await db.Profiles.AsNoTracking()
            .Where(p => p.DatasetId == datasetId && userIds.Contains(p.UserId!))
            .ToDictionaryAsync(p => p.UserId!, p => p.Id, StringComparer.Ordinal, cancellationToken);
        var anonymousProfileIds = identityProfiles.Values.Distinct().ToList();
        var anonymousProfiles = anonymousProfileIds.Count == 0 ? [] : await db.Profiles.AsNoTracking()
            .Where(p => p.DatasetId == datasetId && anonymousProfileIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.UserId, cancellationToken);
        // An anonymous profile's link may be keyed by any of its anonymous ids, not only this event's.
        var stillAnonymous = anonymousProfiles.Where(p => p.Value is null).Select(p => p.Key).ToList();
        var anonymousKeys = stillAnonymous.Count == 0 ? [] : (await db.Identities.AsNoTracking()
                .Where(i => i.DatasetId == datasetId && stillAnonymous.Contains(i.ProfileId))
                .Select(i => new { i.ProfileId, i.AnonymousId })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.ProfileId)
            .ToDictionary(g => g.Key, g => g.Select(i => CrmLinkEntity.AnonymousKey(i.AnonymousId)).Order(StringComparer.Ordinal).ToList());

        // Each event: (profile id when known, its candidate keys, the key it is reported under).
        var people = new Dictionary<long, (long? ProfileId, List<string> Keys)>();
        foreach (var e in events)
        {
            if (e.UserId is not null)
            {
                people[e.Sequence] = (byUser.TryGetValue(e.UserId, out var id) ? id : null, [e.UserId]);
            }
            else if (e.AnonymousId is not null && identityProfiles.TryGetValue(e.AnonymousId, out var profileId))
            {
                var own = CrmLinkEntity.AnonymousKey(e.AnonymousId);
                var keys = anonymousProfiles.GetValueOrDefault(profileId) is { } merged
                    ? [merged]
                    : new List<string> { own }.Concat(anonymousKeys.GetValueOrDefault(profileId, []).Where(k => k != own)).ToList();
                people[e.Sequence] = (profileId, keys);
            }
            else
            {
                people[e.Sequence] = (null, e.AnonymousId is null ? [] : [CrmLinkEntity.AnonymousKey(e.AnonymousId)]);
            }
        }

        var allKeys = people.Values.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal).ToList();
        var personLinks = allKeys.Count == 0 ? [] : (await db.CrmLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && l.ProfileKind == CrmProfileKind.User && !l.Deleted && allKeys.Contains(l.ProfileKey))
                .ToListAsync(cancellationToken))
            .Where(l => Rank(l) < int.MaxValue)
            .GroupBy(l => l.ProfileKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(Rank).ThenBy(l => l.RecordCreatedAt).ThenBy(l => l.RecordId, StringComparer.Ordinal).First(), StringComparer.Ordinal);

        var accounts = await AccountLinksAsync(db, datasetId, connectionId, people.Values.Where(p => p.ProfileId is not null).Select(p => p.ProfileId!.Value).Distinct().ToList(), cancellationToken);

        var recipients = new Dictionary<long, ActivityRecipient>();
        foreach (var e in events)
        {
            var (profileId, keys) = people[e.Sequence];
            var link = keys.Select(k => personLinks.GetValueOrDefault(k)).FirstOrDefault(l => l is not null);
            var key = link?.ProfileKey ?? keys.FirstOrDefault() ?? "";
            if (link is null)
            {
                recipients[e.Sequence] = new ActivityRecipient(key, null, null, null);
                continue;
            }
            // A converted lead can no longer take activities; its contact can.
            var (objectType, whoId) = link.ConvertedToId is { } contactId ? ("Contact", contactId) : (link.ObjectType, link.RecordId);
            // Salesforce allows WhatId only with a contact, never with a lead.
            var whatId = objectType == "Contact" && profileId is { } id ? accounts.GetValueOrDefault(id) : null;
            recipients[e.Sequence] = new ActivityRecipient(key, objectType, whoId, whatId);
        }
        return recipients;
    }

    /// <summary>Contacts before converted leads before leads; other objects cannot be an activity's <c>WhoId</c>.</summary>
    private static int Rank(CrmLinkEntity link) => link.ObjectType switch
    {
        "Contact" => 0,
        "Lead" when link.ConvertedToId is not null => 1,
        "Lead" => 2,
        _ => int.MaxValue,
    };

    private static async Task<Dictionary<long, string>> AccountLinksAsync(RapportDbContext db, string datasetId, string connectionId,
        List<long> profileIds, CancellationToken cancellationToken)
    {
        if (profileIds.Count == 0)
        {
            return [];
        }
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.DatasetId == datasetId && profileIds.Contains(m.ProfileId))
            .Select(m => new { m.ProfileId, m.AccountId })
            .ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return [];
        }
        var accountIds = memberships.Select(m => m.AccountId).Distinct().ToList();
        var groups = await db.Accounts.AsNoTracking()
            .Where(a => a.DatasetId == datasetId && accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.GroupId, cancellationToken);
        var groupIds = groups.Values.Distinct(StringComparer.Ordinal).ToList();
        var links = (await db.CrmLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && l.ProfileKind == CrmProfileKind.Account && !l.Deleted && groupIds.Contains(l.ProfileKey))
                .ToListAsync(cancellationToken))
            .GroupBy(l => l.ProfileKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.RecordCreatedAt).ThenBy(l => l.RecordId, StringComparer.Ordinal).First().RecordId, StringComparer.Ordinal);
        return memberships
            .GroupBy(m => m.ProfileId)
            .Select(g => (ProfileId: g.Key, RecordId: g
                .Select(m => groups.GetValueOrDefault(m.AccountId))
                .Where(groupId => groupId is not null && links.ContainsKey(groupId))
                .Order(StringComparer.Ordinal)
                .Select(groupId => links[groupId!])
                .FirstOrDefault()))
            .Where(p => p.RecordId is not null)
            .ToDictionary(p => p.ProfileId, p => p.RecordId!);
    }
}
