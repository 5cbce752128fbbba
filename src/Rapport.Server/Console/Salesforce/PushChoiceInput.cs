using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>One checkbox of the Push page: an attribute or KPI, and whether it is pushed.</summary>
public sealed class PushChoiceInput
{
    public string Name { get; set; } = "";
    public PushValueSource Source { get; set; }
    public bool Selected { get; set; }
}
