namespace Rapport.Data.Entities;

/// <summary>
/// A link between a profile (or account) and one CRM record. Links are keyed by the profile's
/// stable key — its user id (or <c>anon:</c> + anonymous id) for people, its group id for accounts —
/// not by the row id, so they survive <c>rapport reprocess</c>, which rebuilds profile rows.
/// </summary>
public sealed class CrmLinkEntity
{
    /// <summary>Starts the key of a person known only by anonymous ids: <c>anon:</c> + one of them.</summary>
    public const string AnonymousKeyPrefix = "anon:";

    /// <summary>The profile key of a person known only by <paramref name="anonymousId"/>.</summary>
    public static string AnonymousKey(string anonymousId) => AnonymousKeyPrefix + anonymousId;

    public long Id { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary>The CRM object: <c>Contact</c>, <c>Lead</c>, <c>Account</c> or a custom object's API name.</summary>
    public required string ObjectType { get; set; }
    public required string RecordId { get; set; }
    public CrmProfileKind ProfileKind { get; set; }
    public required string ProfileKey { get; set; }
    /// <summary>The record's <c>CreatedDate</c>, for the deterministic "oldest record wins" choice.</summary>
    public DateTime RecordCreatedAt { get; set; }
    /// <summary>The record's <c>SystemModstamp</c> when it was last pulled.</summary>
    public DateTime? RecordModstamp { get; set; }
    /// <summary>Set when the record was deleted in the CRM (or merged away); the link no longer counts.</summary>
    public bool Deleted { get; set; }
    /// <summary>For a converted lead: the contact it became.</summary>
    public string? ConvertedToId { get; set; }
    public DateTime LinkedAt { get; set; }
    public DateTime? LastSyncedAt { get; set; }
    /// <summary>JSON object: CRM field → last value pulled from the CRM (the CRM side of two-way conflicts).</summary>
    public string PulledValues { get; set; } = "{}";
    /// <summary>JSON object: CRM field → last value pushed successfully (the field-level change journal).</summary>
    public string PushedValues { get; set; } = "{}";
    /// <summary>Hash of the last push the CRM rejected; the same payload is not sent again until it or the mapping changes.</summary>
    public string? RejectedPushHash { get; set; }
}
