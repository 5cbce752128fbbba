namespace Rapport.Sync.Matching;

/// <summary>A designated match field: a CRM field compared, exactly, with a profile attribute.</summary>
public sealed record MatchField(string CrmField, string ProfileAttribute);
