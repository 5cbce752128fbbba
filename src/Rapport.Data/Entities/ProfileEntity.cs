namespace Rapport.Data.Entities;

/// <summary>A user profile. Attributes and KPIs are JSON documents; searchable fields are columns.</summary>
public sealed class ProfileEntity
{
    public long Id { get; set; }
    public required string DatasetId { get; set; }
    public string? UserId { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>Lower-cased user id, email and name, for case-insensitive search on every provider.</summary>
    public string SearchText { get; set; } = "";
    public long FirstSeenMs { get; set; }
    public long LastSeenMs { get; set; }
    public string Attributes { get; set; } = "{}";
    public string Kpis { get; set; } = "{}";
    /// <summary>Log sequence of the last chunk that changed this profile; push finds changed profiles by it.</summary>
    public long ChangeSequence { get; set; }
}
