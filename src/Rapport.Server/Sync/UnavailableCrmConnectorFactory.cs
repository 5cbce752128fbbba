using Rapport.Sync.Connectors;

namespace Rapport.Server.Sync;

/// <summary>Stands in until a CRM connector is registered: every run fails with a message saying so, instead of the host failing to start.</summary>
internal sealed class UnavailableCrmConnectorFactory : ICrmConnectorFactory
{
    public Task<ICrmConnector> OpenAsync(string connectionId, CancellationToken cancellationToken)
        => throw new CrmException(CrmFailureKind.Configuration, "No CRM connector is registered in this build of Rapport.");
}
