using Rapport.Core.Profiles;

namespace Rapport.Core.Tests.Support;

/// <summary>
/// An <see cref="IProfileWorkspace"/> holding everything in memory, with the semantics storage
/// has: a merged-away profile disappears and its ids (anonymous ids and a former user id) resolve
/// to the survivor.
/// </summary>
internal sealed class InMemoryProfileWorkspace : IProfileWorkspace
{
    private readonly Dictionary<string, UserProfile> _byUserId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserProfile> _byAnonymousId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountProfile> _accounts = new(StringComparer.Ordinal);
    private readonly List<UserProfile> _profiles = [];

    public IReadOnlyList<UserProfile> Profiles => _profiles;

    public IReadOnlyCollection<AccountProfile> AccountProfiles => _accounts.Values;

    public HashSet<UserProfile> Changed { get; } = new(ReferenceEqualityComparer.Instance);

    public UserProfile? FindByUserId(string userId)
        => _byUserId.GetValueOrDefault(userId) ?? _byAnonymousId.GetValueOrDefault(userId);

    public UserProfile? FindByAnonymousId(string anonymousId) => _byAnonymousId.GetValueOrDefault(anonymousId);

    public IEnumerable<string> AnonymousIdsOf(UserProfile profile)
        => _byAnonymousId.Where(p => ReferenceEquals(p.Value, profile)).Select(p => p.Key).Order(StringComparer.Ordinal);

    public UserProfile Create()
    {
        var profile = new UserProfile { Id = _profiles.Count + 1 };
        _profiles.Add(profile);
        return profile;
    }

    public void SetUserId(UserProfile profile, string userId)
    {
        profile.UserId = userId;
        _byUserId[userId] = profile;
    }

    public void AddAnonymousId(UserProfile profile, string anonymousId) => _byAnonymousId[anonymousId] = profile;

    public void Merge(UserProfile source, UserProfile target)
    {
        target.Absorb(source);
        foreach (var (anonymousId, owner) in _byAnonymousId.ToList())
        {
            if (ReferenceEquals(owner, source))
            {
                _byAnonymousId[anonymousId] = target;
            }
        }
        if (source.UserId is not null && ReferenceEquals(_byUserId.GetValueOrDefault(source.UserId), source))
        {
            _byUserId.Remove(source.UserId);
            _byAnonymousId[source.UserId] = target;
        }
        _profiles.Remove(source);
        Changed.Remove(source);
    }

    public AccountProfile GetOrCreateAccount(string groupId)
    {
        if (!_accounts.TryGetValue(groupId, out var account))
        {
            account = new AccountProfile { GroupId = groupId };
            _accounts[groupId] = account;
        }
        return account;
    }

    public AccountProfile? FindAccount(string groupId) => _accounts.GetValueOrDefault(groupId);

    public void MarkChanged(UserProfile profile) => Changed.Add(profile);

    public void MarkChanged(AccountProfile account)
    {
    }
}
