namespace Rapport.Data.Storage;

/// <summary>
/// A CRM record linked to a profile or account: its object type and id, the instance URL of the
/// connection it came through (null before the first connection), the contact a converted lead
/// became, and when it was last synchronized.
/// </summary>
public sealed record LinkedCrmRecord(string ObjectType, string RecordId, string? InstanceUrl, string? ConvertedToId, DateTime? LastSyncedAt);
