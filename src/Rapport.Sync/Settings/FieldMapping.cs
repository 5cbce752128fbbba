namespace Rapport.Sync.Settings;

/// <summary>A CRM field pulled into a profile attribute.</summary>
public sealed record FieldMapping(string Field, string Attribute);
