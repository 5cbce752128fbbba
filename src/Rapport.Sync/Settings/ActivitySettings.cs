namespace Rapport.Sync.Settings;

/// <summary>Events written to Salesforce as activities, within seconds (seed 001).</summary>
public sealed record ActivitySettings
{
    public bool Enabled { get; init; } = true;
    /// <summary>Also write the latest NPS score and feedback to fields on the contact or lead (seed 001's "events that update properties").</summary>
    public bool UpdateNpsFields { get; init; } = true;
    public IReadOnlyList<ActivityRule> Rules { get; init; } = ActivityRule.Defaults;
}
