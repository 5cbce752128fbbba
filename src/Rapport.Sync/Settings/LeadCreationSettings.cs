namespace Rapport.Sync.Settings;

/// <summary>
/// Seed 002's option: a known profile with an assigned owner and no matching record becomes a
/// lead. Never on by default (seeds 000, 001 never create contacts or leads).
/// </summary>
public sealed record LeadCreationSettings
{
    public bool Enabled { get; init; }
    /// <summary>The profile attribute holding the assigned owner's email.</summary>
    public string OwnerAttribute { get; init; } = "owner_email";
    /// <summary>Owner email → Salesforce user id (seed 002's user mapping).</summary>
    public IReadOnlyDictionary<string, string> UserMapping { get; init; } = new Dictionary<string, string>();
    /// <summary>Lead.Company is required; the attribute that fills it (falls back to "[not provided]").</summary>
    public string CompanyAttribute { get; init; } = "company";
}
