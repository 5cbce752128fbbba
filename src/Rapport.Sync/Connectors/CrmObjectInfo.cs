namespace Rapport.Sync.Connectors;

/// <summary>An object's describe, reduced to what sync needs.</summary>
public sealed record CrmObjectInfo(string Name, string Label, IReadOnlyList<CrmFieldInfo> Fields)
{
    public CrmFieldInfo? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
