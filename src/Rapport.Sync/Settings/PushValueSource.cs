namespace Rapport.Sync.Settings;

/// <summary>Where a pushed value comes from.</summary>
public enum PushValueSource
{
    Attribute = 0,
    Kpi = 1,
}
