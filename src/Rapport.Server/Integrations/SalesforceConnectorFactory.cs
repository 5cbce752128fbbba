using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;
using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;

namespace Rapport.Server.Integrations;

/// <summary>
/// Opens the Salesforce connector of a stored connection. Its client reads and saves the row's
/// tokens (encrypted) as they refresh, so a run leaves the connection usable for the next.
/// </summary>
public sealed class SalesforceConnectorFactory(SalesforceConnections connections) : ICrmConnectorFactory
{
    // Describes per connection, org user and API version: a run with nothing to do then makes no
    // describe calls (issue 4: at most one API call per record type). Reconnecting as another user
    // or changing the API version starts a fresh cache, since field visibility may differ.
    private readonly ConcurrentDictionary<string, SalesforceDescribeCache> _describes = new(StringComparer.Ordinal);

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
        var describes = _describes.GetOrAdd(string.Join('|', row.Id, row.InstanceUrl, row.UserId, row.ApiVersion), _ => new SalesforceDescribeCache());
        return new SalesforceConnector(connections.Client(row, describes), connections.Time);
    }
}
