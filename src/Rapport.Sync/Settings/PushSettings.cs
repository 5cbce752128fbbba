namespace Rapport.Sync.Settings;

/// <summary>Profiles → Salesforce (seed 000's Push tab).</summary>
public sealed record PushSettings
{
    /// <summary>User attributes and KPIs written to the linked contact or lead.</summary>
    public IReadOnlyList<PushField> UserFields { get; init; } = [];
    /// <summary>Account attributes and KPIs written to the linked account record.</summary>
    public IReadOnlyList<PushField> AccountFields { get; init; } = [];
    /// <summary>Dataset infix: fields are named <c>Rapport_&lt;infix&gt;_&lt;Name&gt;__c</c> (seed 000).</summary>
    public string? Infix { get; init; }
    /// <summary>Above this many changed records of one type, push through Bulk API 2.0 instead of sObject Collections.</summary>
    public int BulkThreshold { get; init; } = 10_000;
    public LeadCreationSettings CreateLeads { get; init; } = new();
}
