using Rapport.Sync.Matching;

namespace Rapport.Sync.Connectors;

/// <summary>
/// Which records of one object to read, ordered by <c>SystemModstamp</c> ascending. The filters are
/// joined with AND (seed 000). With <see cref="IncludeDeleted"/> deleted records come too
/// (<c>queryAll</c>) so their links can be released.
/// </summary>
public sealed record CrmReadRequest
{
    public required string ObjectType { get; init; }
    public required CrmObjectKind Kind { get; init; }
    /// <summary>Fields to read besides Id, CreatedDate, SystemModstamp (and IsDeleted, ConvertedContactId for leads).</summary>
    public required IReadOnlyList<string> Fields { get; init; }
    /// <summary>Incremental: only records with <c>SystemModstamp</c> at or after this time.</summary>
    public DateTimeOffset? ModstampFrom { get; init; }
    /// <summary>
    /// With <see cref="ModstampFrom"/>: records from this earlier time are re-read too (a change
    /// committed late can carry an earlier <c>SystemModstamp</c>), except those last modified by
    /// <see cref="OwnUserId"/>: Rapport's own writes, already known, would otherwise be read again on
    /// every run that follows a push.
    /// </summary>
    public DateTimeOffset? OverlapFrom { get; init; }
    /// <summary>The integration user whose changes the overlap window skips.</summary>
    public string? OwnUserId { get; init; }
    public DateTimeOffset? CreatedAfter { get; init; }
    public DateTimeOffset? ModifiedAfter { get; init; }
    public bool IncludeDeleted { get; init; }
}
