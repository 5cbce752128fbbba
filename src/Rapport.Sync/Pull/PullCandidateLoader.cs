using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Matching;

namespace Rapport.Sync.Pull;

/// <summary>
/// Loads the profiles or accounts one page of records could match, and nothing else: memory stays
/// flat however large the CRM object is. Only the columns matching compares are read (the attribute
/// document only when match fields name attributes), and each list of values travels as one array
/// parameter.
/// </summary>
internal static class PullCandidateLoader
{
    public const string UserIdAttribute = "userId";

    /// <summary>The person profiles the query names, with the keys matching compares.</summary>
    public static async Task<List<PullCandidate>> LoadPeopleAsync(RapportDbContext db, string datasetId, CandidateQuery query,
        IReadOnlyCollection<string> matchAttributes, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, ProfileEntity>();
        var profiles = db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId);
        Expression<Func<ProfileEntity, ProfileEntity>> columns = matchAttributes.Count == 0
            ? p => new ProfileEntity { Id = p.Id, DatasetId = p.DatasetId, UserId = p.UserId, Email = p.Email, DisplayName = p.DisplayName }
            : p => new ProfileEntity { Id = p.Id, DatasetId = p.DatasetId, UserId = p.UserId, Email = p.Email, DisplayName = p.DisplayName, Attributes = p.Attributes };

        var userIds = query.Keys.Where(k => !k.StartsWith(CrmLinkEntity.AnonymousKeyPrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (query.Attributes.TryGetValue(UserIdAttribute, out var wantedUserIds))
        {
            userIds.UnionWith(wantedUserIds);
        }
        Add(rows, await Chunked(userIds, ids => profiles.Where(p => EF.Parameter(ids).Contains(p.UserId!)).Select(columns), cancellationToken));
        Add(rows, await Chunked(query.Emails, ids => profiles.Where(p => EF.Parameter(ids).Contains(p.Email!)).Select(columns), cancellationToken));
        Add(rows, await Chunked(query.Names, ids => profiles.Where(p => EF.Parameter(ids).Contains(p.DisplayName!)).Select(columns), cancellationToken));

        var anonymousIds = query.Keys.Where(k => k.StartsWith(CrmLinkEntity.AnonymousKeyPrefix, StringComparison.Ordinal))
            .Select(k => k[CrmLinkEntity.AnonymousKeyPrefix.Length..]).ToList();
        if (anonymousIds.Count > 0)
        {
            var ids = await db.Identities.AsNoTracking()
                .Where(i => i.DatasetId == datasetId && EF.Parameter(anonymousIds).Contains(i.AnonymousId))
                .Select(i => i.ProfileId).Distinct().ToListAsync(cancellationToken);
            Add(rows, await profiles.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(columns).ToListAsync(cancellationToken));
        }
        foreach (var (attribute, values) in query.Attributes)
        {
            if (attribute is UserIdAttribute or RecordMatcher.EmailAttribute or RecordMatcher.NameAttribute || values.Count == 0)
            {
                continue;
            }
            Add(rows, await ProviderJson.ProfilesByAttribute(db, datasetId, attribute, values.ToList()).AsNoTracking().Select(columns).ToListAsync(cancellationToken));
        }

        // A profile without a user id is keyed by one of its anonymous ids: the smallest, so the choice is stable.
        var anonymous = rows.Values.Where(p => p.UserId is null).Select(p => p.Id).ToList();
        var anonymousKeys = anonymous.Count == 0 ? [] : (await db.Identities.AsNoTracking()
                .Where(i => i.DatasetId == datasetId && EF.Parameter(anonymous).Contains(i.ProfileId))
                .Select(i => new { i.ProfileId, i.AnonymousId }).ToListAsync(cancellationToken))
            .GroupBy(i => i.ProfileId)
            .ToDictionary(g => g.Key, g => g.Select(i => i.AnonymousId).Min(StringComparer.Ordinal)!);

        var candidates = new List<PullCandidate>(rows.Count);
        foreach (var row in rows.Values)
        {
            string? anonymousId = null;
            if (row.UserId is null && !anonymousKeys.TryGetValue(row.Id, out anonymousId))
            {
                continue;
            }
            var keys = ReadAttributes(row.Attributes, matchAttributes);
            keys[RecordMatcher.EmailAttribute] = row.Email;
            keys[RecordMatcher.NameAttribute] = row.DisplayName;
            keys[UserIdAttribute] = row.UserId;
            candidates.Add(new PullCandidate(row.Id, row.UserId ?? CrmLinkEntity.AnonymousKey(anonymousId!), row.UserId,
                row.UserId is null ? anonymousId : null, null, keys));
        }
        return candidates;
    }

    /// <summary>The accounts the query names (keys are group ids), with the keys matching compares.</summary>
    public static async Task<List<PullCandidate>> LoadAccountsAsync(RapportDbContext db, string datasetId, CandidateQuery query,
        IReadOnlyCollection<string> matchAttributes, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, AccountEntity>();
        var accounts = db.Accounts.AsNoTracking().Where(a => a.DatasetId == datasetId);
        Expression<Func<AccountEntity, AccountEntity>> columns = matchAttributes.Count == 0
            ? a => new AccountEntity { Id = a.Id, DatasetId = a.DatasetId, GroupId = a.GroupId, Name = a.Name }
            : a => new AccountEntity { Id = a.Id, DatasetId = a.DatasetId, GroupId = a.GroupId, Name = a.Name, Attributes = a.Attributes };
        Add(rows, await Chunked(query.Keys, ids => accounts.Where(a => EF.Parameter(ids).Contains(a.GroupId)).Select(columns), cancellationToken));
        Add(rows, await Chunked(query.Names, ids => accounts.Where(a => EF.Parameter(ids).Contains(a.Name!)).Select(columns), cancellationToken));
        foreach (var (attribute, values) in query.Attributes)
        {
            if (attribute is RecordMatcher.NameAttribute || values.Count == 0)
            {
                continue;
            }
            Add(rows, await ProviderJson.AccountsByAttribute(db, datasetId, attribute, values.ToList()).AsNoTracking().Select(columns).ToListAsync(cancellationToken));
        }
        return rows.Values.Select(row =>
        {
            var keys = ReadAttributes(row.Attributes, matchAttributes);
            keys[RecordMatcher.NameAttribute] = row.Name;
            return new PullCandidate(row.Id, row.GroupId, null, null, row.GroupId, keys);
        }).ToList();
    }

    /// <summary>The string form of the match attributes in a profile's attribute document.</summary>
    private static Dictionary<string, string?> ReadAttributes(string json, IReadOnlyCollection<string> attributes)
    {
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (attributes.Count == 0)
        {
            return keys;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var attribute in attributes)
        {
            if (document.RootElement.TryGetProperty(attribute, out var entry) && entry.TryGetProperty("v"u8, out var value))
            {
                keys[attribute] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }
        return keys;
    }

    private static async Task<List<T>> Chunked<T>(IReadOnlyCollection<string> values, Func<List<string>, IQueryable<T>> query,
        CancellationToken cancellationToken)
    {
        var result = new List<T>();
        // Bounded lists keep each statement's work (and its array parameter) a page's size.
        foreach (var chunk in values.Chunk(2000))
        {
            result.AddRange(await query(chunk.ToList()).ToListAsync(cancellationToken));
        }
        return result;
    }

    private static void Add(Dictionary<long, ProfileEntity> rows, IEnumerable<ProfileEntity> found)
    {
        foreach (var row in found)
        {
            rows.TryAdd(row.Id, row);
        }
    }

    private static void Add(Dictionary<long, AccountEntity> rows, IEnumerable<AccountEntity> found)
    {
        foreach (var row in found)
        {
            rows.TryAdd(row.Id, row);
        }
    }
}
