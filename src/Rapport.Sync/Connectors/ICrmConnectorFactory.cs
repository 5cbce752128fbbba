namespace Rapport.Sync.Connectors;

/// <summary>Opens the connector of a stored connection (its tokens refresh and persist as they are used).</summary>
public interface ICrmConnectorFactory
{
    Task<ICrmConnector> OpenAsync(string connectionId, CancellationToken cancellationToken);
}
