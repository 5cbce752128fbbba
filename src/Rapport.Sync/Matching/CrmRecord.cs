namespace Rapport.Sync.Matching;

/// <summary>A CRM record as matching sees it: its type, id, creation time and field values.</summary>
public sealed record CrmRecord(
    CrmObjectKind Kind,
    string Id,
    DateTimeOffset CreatedDate,
    IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>For a converted lead: the contact it became. Its profile's link moves there.</summary>
    public string? ConvertedToId { get; init; }

    /// <summary>The record's <c>SystemModstamp</c>: the pull checkpoint and the CRM side's change time.</summary>
    public DateTimeOffset Modstamp { get; init; }

    /// <summary>The record was deleted (seen through <c>queryAll</c>); its link is released.</summary>
    public bool IsDeleted { get; init; }

    public string? Get(string field) => Fields.TryGetValue(field, out var value) ? value : null;
}
