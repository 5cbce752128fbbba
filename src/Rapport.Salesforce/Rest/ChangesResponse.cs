namespace Rapport.Salesforce.Rest;

/// <summary>The wire shape of the updated/deleted resources.</summary>
internal sealed record ChangesResponse(
    IReadOnlyList<string>? Ids,
    IReadOnlyList<DeletedRecord>? DeletedRecords,
    DateTimeOffset? EarliestDateAvailable,
    DateTimeOffset? LatestDateCovered);
