namespace Rapport.Salesforce.Auth;

/// <summary>
/// Where a connection's tokens live between calls and processes. The client loads them on first
/// use and saves every refreshed or rotated set; the sync engine's implementation encrypts them
/// at rest (Data Protection), this library never does.
/// </summary>
public interface ISalesforceTokenStore
{
    /// <summary>The current tokens, or null when the connection was never established.</summary>
    ValueTask<SalesforceTokenSet?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Persists tokens after a login, refresh or rotation.</summary>
    ValueTask SaveAsync(SalesforceTokenSet tokens, CancellationToken cancellationToken);
}
