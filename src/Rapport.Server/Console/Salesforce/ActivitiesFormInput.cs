using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>What the Activities page posts: the rules, the new rule, the switches, and the button pressed.</summary>
public sealed class ActivitiesFormInput
{
    public bool Enabled { get; set; }
    public bool UpdateNpsFields { get; set; }
    public List<ActivityRuleInput> Rules { get; set; } = [];

    public string? NewEvent { get; set; }
    public ActivityObject NewObject { get; set; }
    public string? NewSubject { get; set; }
    public string? NewDescription { get; set; }

    /// <summary><c>save</c>, <c>add</c>, <c>remove:&lt;rule&gt;</c> (these save), <c>preview</c> or <c>defaults</c> (these do not).</summary>
    public string? Command { get; set; }
}
