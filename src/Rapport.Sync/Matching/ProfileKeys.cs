namespace Rapport.Sync.Matching;

/// <summary>
/// What matching knows of one profile: the CRM record it is already linked to (if any) and the
/// attribute values match fields compare with.
/// </summary>
public sealed record ProfileKeys(
    long ProfileId,
    string? LinkedRecordId,
    IReadOnlyDictionary<string, string?> Attributes)
{
    public string? Get(string attribute) => Attributes.TryGetValue(attribute, out var value) ? value : null;
}
