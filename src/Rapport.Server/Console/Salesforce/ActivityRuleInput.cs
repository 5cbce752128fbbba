using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>One event → activity rule as the Activities page posts it.</summary>
public sealed class ActivityRuleInput
{
    public string? Event { get; set; }
    public ActivityObject Object { get; set; }
    public string? Subject { get; set; }
    public string? Description { get; set; }
    public bool Enabled { get; set; }
}
