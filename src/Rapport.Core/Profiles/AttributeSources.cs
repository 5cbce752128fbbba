namespace Rapport.Core.Profiles;

/// <summary>Where a profile attribute's value came from.</summary>
public static class AttributeSources
{
    public const string Tracking = "tracking";
    public const string Salesforce = "salesforce";
    public const string Import = "import";
}
