namespace Rapport.Core.Profiles;

/// <summary>
/// The profiles and accounts one processing step may read and change. The storage layer loads
/// what a chunk of events touches, the <see cref="EventApplier"/> changes it, storage saves it.
/// </summary>
public interface IProfileWorkspace
{
    UserProfile? FindByUserId(string userId);
    UserProfile? FindByAnonymousId(string anonymousId);
    UserProfile Create();
    void SetUserId(UserProfile profile, string userId);
    void AddAnonymousId(UserProfile profile, string anonymousId);
    /// <summary>Moves everything of <paramref name="source"/> into <paramref name="target"/> and deletes it.</summary>
    void Merge(UserProfile source, UserProfile target);
    AccountProfile GetOrCreateAccount(string groupId);
    AccountProfile? FindAccount(string groupId);
    void MarkChanged(UserProfile profile);
    void MarkChanged(AccountProfile account);
}
