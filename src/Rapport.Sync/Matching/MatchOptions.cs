namespace Rapport.Sync.Matching;

/// <summary>
/// How CRM records find their profiles (seed 000, "How does Interaction Studio match contacts,
/// accounts, and leads?"): Salesforce ID first, then the designated match fields, then Name or
/// Email unless <see cref="OnlyDesignatedMatchFields"/> is set. Accounts never use email.
/// </summary>
public sealed record MatchOptions
{
    public IReadOnlyList<MatchField> MatchFields { get; init; } = [];
    public bool OnlyDesignatedMatchFields { get; init; }
    /// <summary>CRM field holding a person's email (Contact.Email, Lead.Email).</summary>
    public string EmailField { get; init; } = "Email";
    /// <summary>CRM field holding the display name (Contact.Name, Account.Name).</summary>
    public string NameField { get; init; } = "Name";
}
