namespace Rapport.Sync.Settings;

/// <summary>The Salesforce activity object a rule creates.</summary>
public enum ActivityObject
{
    Event = 0,
    Task = 1,
}
