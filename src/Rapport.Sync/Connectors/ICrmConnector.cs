namespace Rapport.Sync.Connectors;

/// <summary>
/// One CRM connection as the sync engine sees it (DESIGN.md: "read changed records", "write
/// changes", "describe / create fields", "write activities"). Salesforce implements it in
/// <c>Rapport.Salesforce.Sync</c>; engine tests use an in-memory fake.
/// </summary>
public interface ICrmConnector : IDisposable
{
    ICrmReader Reader { get; }
    ICrmWriter Writer { get; }
    ICrmSchema Schema { get; }
    ICrmActivityWriter Activities { get; }

    /// <summary>API calls this connector has made so far, by endpoint kind (<c>query</c>, <c>collections</c>, <c>bulk</c>, …).</summary>
    IReadOnlyDictionary<string, long> ApiCalls();

    /// <summary>Daily API requests left, from the latest <c>Sforce-Limit-Info</c>; null before the first call.</summary>
    long? RemainingApiCalls { get; }
}
