namespace Rapport.Sync.Connectors;

/// <summary>The fields to change on one record.</summary>
public sealed record CrmRecordUpdate(string Id, IReadOnlyDictionary<string, object?> Fields);
