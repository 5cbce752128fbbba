using Microsoft.AspNetCore.DataProtection;
using Rapport.Data;
using Rapport.Salesforce;

namespace Rapport.Server.Integrations;

/// <summary>Registers what Salesforce connections need: Data Protection with its keys in the database, the client, the endpoints' services.</summary>
public static class SalesforceConnectionExtensions
{
    public static IServiceCollection AddSalesforceConnections(this IServiceCollection services)
    {
        // One application name and one key ring in the database: every node decrypts what another encrypted.
        services.AddDataProtection().SetApplicationName("Rapport").PersistKeysToDbContext<RapportDbContext>();
        services.AddSalesforceClient();
        services.AddSingleton<SalesforceSecretProtector>();
        services.AddSingleton<SalesforceConnections>();
        services.AddSingleton<Rapport.Sync.Connectors.ICrmConnectorFactory, SalesforceConnectorFactory>();
        return services;
    }
}
