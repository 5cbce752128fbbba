using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;

namespace Rapport.Sync.Pull;

/// <summary>
/// Decides, for one page, which profile each record goes to: loads the page's candidate profiles,
/// runs <see cref="RecordMatcher"/>, then applies what the pure matcher cannot see — the links
/// outside the page (an existing link stands against weaker matches; a profile with a contact is
/// not also linked to a lead) and the rule that one record links one profile.
/// </summary>
internal static class PullMatchPlanner
{
    public static async Task<PullPlan> PlanAsync(RapportDbContext db, PullTypeState state, IReadOnlyList<CrmRecord> page,
        Dictionary<string, CrmLinkEntity> links, CancellationToken cancellationToken)
    {
        var context = state.Context;
        var query = BuildQuery(state, page, links);
        var candidates = state.IsAccount
            ? await PullCandidateLoader.LoadAccountsAsync(db, context.DatasetId, query, state.MatchAttributes, cancellationToken)
            : await PullCandidateLoader.LoadPeopleAsync(db, context.DatasetId, query, state.MatchAttributes, cancellationToken);
        var profileLinks = await LiveLinksAsync(db, state, candidates.Select(c => c.Key).ToList(), links, cancellationToken);

        var pageIds = page.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        // Records deleted or converted in this page release their links; they must not block a new match.
        var released = page.Where(r => r.IsDeleted || r.ConvertedToId is not null).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var keys = candidates.Select(c => new ProfileKeys(c.Id,
            profileLinks[c.Key].Where(l => l.ObjectType == state.Type.ObjectType && pageIds.Contains(l.RecordId))
                .OrderBy(l => l.RecordCreatedAt).Select(l => l.RecordId).FirstOrDefault(),
            c.Keys));
        var matcher = new RecordMatcher(keys, state.Options, state.IsAccount);
        var decisions = matcher.Decide(page.Where(r => !r.IsDeleted).ToList());

        var byId = candidates.ToDictionary(c => c.Id);
        var chosen = new Dictionary<string, PullTarget>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            var candidate = byId[decision.ProfileId];
            if (decision.Warning is not null)
            {
                Warn(state, decision.Record.Id, candidate.Key, decision.Warning);
            }
            var existing = profileLinks[candidate.Key].Where(l => !released.Contains(l.RecordId)).ToList();
            if (state.Type.Kind == CrmObjectKind.Lead && existing.Any(l => state.ContactTypes.Contains(l.ObjectType)))
            {
                continue; // contacts take precedence over leads
            }
            if (decision.Reason != MatchReason.SalesforceId
                && existing.Any(l => l.ObjectType == state.Type.ObjectType && l.RecordId != decision.Record.Id))
            {
                continue; // the profile's existing link (a Salesforce ID match) beats a weaker one
            }
            if (chosen.TryGetValue(decision.Record.Id, out var prior))
            {
                // Decisions come ordered by profile id, so on equal standing the older profile keeps the record.
                if (prior.Reason == decision.Reason)
                {
                    Warn(state, decision.Record.Id, prior.Candidate.Key,
                        $"Several profiles match {state.Type.ObjectType} {decision.Record.Id} by {decision.Reason}; linked to the oldest profile, {prior.Candidate.Key}.");
                }
                if (decision.Reason >= prior.Reason)
                {
                    continue;
                }
            }
            chosen[decision.Record.Id] = new PullTarget(candidate, decision.Reason);
        }

        if (state.IsAccount && state.Pull.AccountIdsFromContacts)
        {
            await AccountsFromContactsAsync(db, state, page, chosen, cancellationToken);
        }
        return new PullPlan(chosen, candidates.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            profileLinks);
    }

    private static CandidateQuery BuildQuery(PullTypeState state, IReadOnlyList<CrmRecord> page, Dictionary<string, CrmLinkEntity> links)
    {
        var query = new CandidateQuery();
        foreach (var link in links.Values.Where(l => !l.Deleted))
        {
            query.Keys.Add(link.ProfileKey);
        }
        foreach (var record in page.Where(r => !r.IsDeleted))
        {
            if (!state.OnlyDesignated)
            {
                if (record.Get(state.Options.NameField) is { Length: > 0 } name)
                {
                    query.Names.Add(name);
                }
                if (!state.IsAccount && record.Get(state.Options.EmailField) is { Length: > 0 } email)
                {
                    query.Emails.Add(email);
                }
            }
            foreach (var field in state.Type.MatchFields)
            {
                if (PullTypeState.Value(record, field.CrmField) is not { Length: > 0 } value)
                {
                    continue;
                }
                switch (field.ProfileAttribute)
                {
                    case RecordMatcher.EmailAttribute when !state.IsAccount:
                        query.Emails.Add(value);
                        break;
                    case RecordMatcher.NameAttribute:
                        query.Names.Add(value);
                        break;
                    default:
                        query.AddAttribute(field.ProfileAttribute, value);
                        break;
                }
            }
            if (state.Pull.Mode == Settings.PullMode.CreateMissing && CreateKey(state, record) is { } key)
            {
                // A profile already holding the id a record would create is that record's profile.
                if (state.IsAccount)
                {
                    query.Keys.Add(key);
                }
                else
                {
                    query.AddAttribute(PullCandidateLoader.UserIdAttribute, key);
                }
            }
        }
        return query;
    }

    /// <summary>In create-missing mode: the user id (or group id) an unmatched record's new profile gets.</summary>
    public static string? CreateKey(PullTypeState state, CrmRecord record)
        => PullTypeState.Value(record, state.IsAccount ? state.Pull.GroupIdField : state.Pull.UserIdField) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The live links of the given profiles. A link the page already holds comes back as that same
    /// instance, so what the page changes on it is what the plan sees. The others carry what matching
    /// reads (type, record, profile, creation time), not the pulled and pushed value documents.
    /// </summary>
    private static async Task<ILookup<string, CrmLinkEntity>> LiveLinksAsync(RapportDbContext db, PullTypeState state, List<string> keys,
        Dictionary<string, CrmLinkEntity>? pageLinks, CancellationToken cancellationToken)
    {
        var kind = state.IsAccount ? CrmProfileKind.Account : CrmProfileKind.User;
        var connectionId = state.Context.ConnectionId;
        var found = await db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.ProfileKind == kind && !l.Deleted && EF.Parameter(keys).Contains(l.ProfileKey))
            .Select(l => new CrmLinkEntity
            {
                Id = l.Id, ConnectionId = l.ConnectionId, ObjectType = l.ObjectType, RecordId = l.RecordId, ProfileKind = l.ProfileKind,
                ProfileKey = l.ProfileKey, RecordCreatedAt = l.RecordCreatedAt, Deleted = l.Deleted, ConvertedToId = l.ConvertedToId,
            })
            .ToListAsync(cancellationToken);
        if (pageLinks is not null)
        {
            var objectType = state.Type.ObjectType;
            for (var i = 0; i < found.Count; i++)
            {
                if (found[i].ObjectType == objectType && pageLinks.TryGetValue(found[i].RecordId, out var held))
                {
                    found[i] = held;
                }
            }
        }
        return found.ToLookup(l => l.ProfileKey, StringComparer.Ordinal);
    }

    /// <summary>
    /// Seed 000's option: an account record nobody matched takes the account its linked contacts
    /// belong to (their pulled <c>AccountId</c> is this record); the account most of them share wins.
    /// </summary>
    private static async Task AccountsFromContactsAsync(RapportDbContext db, PullTypeState state, IReadOnlyList<CrmRecord> page,
        Dictionary<string, PullTarget> chosen, CancellationToken cancellationToken)
    {
        var unmatched = page.Where(r => !r.IsDeleted && !chosen.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        if (unmatched.Count == 0 || state.ContactTypes.Count == 0)
        {
            return;
        }
        var contactLinks = await ProviderJson.LinksByAccountId(db, state.Context.ConnectionId, state.ContactTypes, unmatched)
            .AsNoTracking().ToListAsync(cancellationToken);
        if (contactLinks.Count == 0)
        {
            return;
        }
        var query = new CandidateQuery();
        query.Keys.UnionWith(contactLinks.Select(l => l.ProfileKey));
        var people = await PullCandidateLoader.LoadPeopleAsync(db, state.Context.DatasetId, query, [], cancellationToken);
        var profileIdByKey = people.ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
        var profileIds = people.Select(p => p.Id).ToList();
        var memberships = await db.Memberships.AsNoTracking().Where(m => profileIds.Contains(m.ProfileId))
            .Select(m => new { m.ProfileId, m.AccountId }).ToListAsync(cancellationToken);
        var accountIds = memberships.Select(m => m.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .Select(a => new { a.Id, a.GroupId, a.Name }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var taken = await LiveLinksAsync(db, state, accounts.Values.Select(a => a.GroupId).ToList(), null, cancellationToken);

        var contactsByAccountId = contactLinks
            .Where(l => profileIdByKey.ContainsKey(l.ProfileKey))
            .ToLookup(l => PulledValues.Read(l.PulledValues).GetValueOrDefault("AccountId") ?? "", l => profileIdByKey[l.ProfileKey], StringComparer.Ordinal);
        var accountsByProfile = memberships.ToLookup(m => m.ProfileId, m => m.AccountId);
        foreach (var recordId in unmatched)
        {
            var best = contactsByAccountId[recordId]
                .SelectMany(profileId => accountsByProfile[profileId])
                .Where(id => accounts.ContainsKey(id))
                .Where(id => !taken[accounts[id].GroupId].Any(l => l.ObjectType == state.Type.ObjectType && l.RecordId != recordId))
                .GroupBy(id => id)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => accounts[g.Key])
                .FirstOrDefault();
            if (best is not null)
            {
                var keys = new Dictionary<string, string?>(StringComparer.Ordinal) { [RecordMatcher.NameAttribute] = best.Name };
                chosen[recordId] = new PullTarget(new PullCandidate(best.Id, best.GroupId, null, null, best.GroupId, keys), MatchReason.MatchField);
            }
        }
    }

    private static void Warn(PullTypeState state, string recordId, string profileKey, string message)
        => state.Context.Run.Error("pull", state.Type.ObjectType, recordId, profileKey, new CrmError("DUPLICATE_MATCH", message, []));
}
