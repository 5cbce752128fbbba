namespace Rapport.Salesforce.Rest;

/// <summary><c>GET /sobjects/{T}/deleted</c>: records deleted in a window.</summary>
public sealed record DeletedRecords(IReadOnlyList<DeletedRecord> Records, DateTimeOffset? EarliestDateAvailable, DateTimeOffset? LatestDateCovered);
