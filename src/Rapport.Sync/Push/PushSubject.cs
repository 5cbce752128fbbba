using Rapport.Core.Profiles;

namespace Rapport.Sync.Push;

/// <summary>A changed profile or account as push sees it: where it sits in cursor order, the keys its links are stored under, and its values.</summary>
/// <param name="Position">Its (change sequence, row id).</param>
/// <param name="Keys">Link keys: the user id, or <c>anon:</c> + each anonymous id; the group id for an account. The first is the one new links use.</param>
/// <param name="UserId">The user id (null for anonymous profiles and accounts).</param>
/// <param name="Email">The profile's email, when it has one.</param>
/// <param name="Attributes">Its attributes.</param>
/// <param name="Kpis">Its activity KPIs.</param>
internal sealed record PushSubject(
    PushPosition Position,
    IReadOnlyList<string> Keys,
    string? UserId,
    string? Email,
    AttributeSet Attributes,
    ActivityKpis Kpis);
