using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;
using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;

namespace Rapport.Server.Integrations;

/// <summary>
/// Opens the Salesforce connector of a stored connection. Its client reads and saves the row's
/// tokens (encrypted) as they refresh, so a run leaves the connection usable for the next.
/// </summary>
public sealed class SalesforceConnectorFactory(SalesforceConnections connections) : ICrmConnectorFactory
{
    /// <inheritdoc />
    public async Task<ICrmConnector> OpenAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SalesforceConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new CrmException(CrmFailureKind.Configuration, $"There is no Salesforce connection {connectionId}: set one up under …/connections/salesforce.");
        // The username-password flow logs in on demand; the web server flow needs a completed authorization.
        var canLogIn = row.AuthFlow == SalesforceAuthFlow.Password && row.PasswordProtected is not null;
        if (!canLogIn && row.AccessTokenProtected is null && row.RefreshTokenProtected is null)
        {
            throw new CrmException(CrmFailureKind.AuthenticationFailed, "The Salesforce connection has not been established: " + SalesforceRemedies.Reconnect);
        }
        return new SalesforceConnector(connections.Client(row), connections.Time);
    }
}
