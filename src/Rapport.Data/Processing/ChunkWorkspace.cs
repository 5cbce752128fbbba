using Rapport.Core.Profiles;
using Rapport.Data.Entities;

namespace Rapport.Data.Processing;

/// <summary>
/// The profiles, identities and accounts a chunk of events touches, loaded up front, changed in
/// memory by the event applier, and turned back into entity changes by <see cref="ProfileProcessor"/>.
/// </summary>
internal sealed class ChunkWorkspace(string datasetId) : IProfileWorkspace
{
    private readonly Dictionary<string, UserProfile> _byUserId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserProfile> _byAnonymousId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountProfile> _accounts = new(StringComparer.Ordinal);

    public string DatasetId { get; } = datasetId;
    public Dictionary<UserProfile, ProfileEntity?> Profiles { get; } = new(ReferenceEqualityComparer.Instance);
    public Dictionary<AccountProfile, AccountEntity?> Accounts { get; } = new(ReferenceEqualityComparer.Instance);
    public HashSet<UserProfile> ChangedProfiles { get; } = new(ReferenceEqualityComparer.Instance);
    public HashSet<AccountProfile> ChangedAccounts { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Anonymous ids whose owner is new or changed, with their owner now.</summary>
    public Dictionary<string, UserProfile> IdentityChanges { get; } = new(StringComparer.Ordinal);
    /// <summary>Profiles merged away: source → target.</summary>
    public List<(UserProfile Source, UserProfile Target)> Merges { get; } = [];
    private readonly Dictionary<UserProfile, UserProfile> _mergedInto = new(ReferenceEqualityComparer.Instance);
    /// <summary>Group ids each loaded profile had when loaded, to find new memberships.</summary>
    public Dictionary<UserProfile, HashSet<string>> LoadedMemberships { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Identity rows read for this chunk, untracked, as they were read.</summary>
    public Dictionary<string, IdentityEntity> LoadedIdentities { get; set; } = new(StringComparer.Ordinal);

    public void AddLoaded(UserProfile profile, ProfileEntity entity)
    {
        Profiles[profile] = entity;
        LoadedMemberships[profile] = new HashSet<string>(profile.Accounts, StringComparer.Ordinal);
        if (profile.UserId is not null)
        {
            _byUserId[profile.UserId] = profile;
        }
    }

    public void AddLoadedIdentity(string anonymousId, UserProfile profile) => _byAnonymousId[anonymousId] = profile;

    public void AddLoaded(AccountProfile account, AccountEntity entity)
    {
        Accounts[account] = entity;
        _accounts[account.GroupId] = account;
    }

    /// <summary>A user id, or a user id that an alias merged into another profile.</summary>
    public UserProfile? FindByUserId(string userId)
        => _byUserId.GetValueOrDefault(userId) ?? _byAnonymousId.GetValueOrDefault(userId);

    public UserProfile? FindByAnonymousId(string anonymousId) => _byAnonymousId.GetValueOrDefault(anonymousId);

    public UserProfile Create()
    {
        var profile = new UserProfile();
        Profiles[profile] = null;
        LoadedMemberships[profile] = new HashSet<string>(StringComparer.Ordinal);
        ChangedProfiles.Add(profile);
        return profile;
    }

    public void SetUserId(UserProfile profile, string userId)
    {
        profile.UserId = userId;
        _byUserId[userId] = profile;
        ChangedProfiles.Add(profile);
    }

    public void AddAnonymousId(UserProfile profile, string anonymousId)
    {
        _byAnonymousId[anonymousId] = profile;
        IdentityChanges[anonymousId] = profile;
    }

    public void Merge(UserProfile source, UserProfile target)
    {
        target.Absorb(source);
        foreach (var (anonymousId, owner) in _byAnonymousId.ToList())
        {
            if (ReferenceEquals(owner, source))
            {
                _byAnonymousId[anonymousId] = target;
                IdentityChanges[anonymousId] = target;
            }
        }
        if (source.UserId is not null && ReferenceEquals(_byUserId.GetValueOrDefault(source.UserId), source))
        {
            // A known user merged into another (alias of two user ids): the old id keeps resolving.
            _byAnonymousId[source.UserId] = target;
            IdentityChanges[source.UserId] = target;
            _byUserId.Remove(source.UserId);
        }
        Merges.Add((source, target));
        _mergedInto[source] = target;
        ChangedProfiles.Remove(source);
        ChangedProfiles.Add(target);
    }

    /// <summary>Whether <paramref name="profile"/> was merged into another in this chunk.</summary>
    public bool IsMergedAway(UserProfile profile) => _mergedInto.ContainsKey(profile);

    /// <summary>The profile a merged one finally went into (merges can chain within a chunk); itself when not merged.</summary>
    public UserProfile Survivor(UserProfile profile)
    {
        while (_mergedInto.TryGetValue(profile, out var target))
        {
            profile = target;
        }
        return profile;
    }

    public AccountProfile GetOrCreateAccount(string groupId)
    {
        if (!_accounts.TryGetValue(groupId, out var account))
        {
            account = new AccountProfile { GroupId = groupId };
            _accounts[groupId] = account;
            Accounts[account] = null;
        }
        return account;
    }

    public AccountProfile? FindAccount(string groupId) => _accounts.GetValueOrDefault(groupId);

    public void MarkChanged(UserProfile profile) => ChangedProfiles.Add(profile);

    public void MarkChanged(AccountProfile account) => ChangedAccounts.Add(account);
}
