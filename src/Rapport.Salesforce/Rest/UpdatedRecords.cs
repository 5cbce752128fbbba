namespace Rapport.Salesforce.Rest;

/// <summary><c>GET /sobjects/{T}/updated</c>: ids changed in a window and how far the answer reaches.</summary>
public sealed record UpdatedRecords(IReadOnlyList<string> Ids, DateTimeOffset? LatestDateCovered);
