namespace Rapport.Server.Integrations;

/// <summary>One wrong connection setting: the field as the admin API names it, and what to do.</summary>
public sealed record SalesforceSettingsError(string Field, string Message);
