namespace Rapport.Sync.Pull;

/// <summary>
/// A profile (or account) that may match records of the page being pulled: its row id, its stable
/// key for links (<c>userId</c>, <c>anon:</c> + anonymous id, or the group id), how an event
/// addresses it, and the values matching compares.
/// </summary>
internal sealed record PullCandidate(
    long Id,
    string Key,
    string? UserId,
    string? AnonymousId,
    string? GroupId,
    IReadOnlyDictionary<string, string?> Keys);
