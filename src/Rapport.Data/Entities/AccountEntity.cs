namespace Rapport.Data.Entities;

/// <summary>An account from group calls.</summary>
public sealed class AccountEntity
{
    public long Id { get; set; }
    public required string DatasetId { get; set; }
    public required string GroupId { get; set; }
    public string? Name { get; set; }
    public string SearchText { get; set; } = "";
    public long LastSeenMs { get; set; }
    public string Attributes { get; set; } = "{}";
    public string Kpis { get; set; } = "{}";
    /// <summary>Log sequence of the last chunk that changed this account; push finds changed accounts by it.</summary>
    public long ChangeSequence { get; set; }
}
