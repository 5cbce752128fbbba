using Microsoft.AspNetCore.DataProtection;
using Rapport.Data;
using Rapport.Salesforce;

namespace Rapport.Server.Integrations;

/// <summary>What Salesforce connections need: Data Protection with its keys in the database, the client, the endpoints' services.</summary>
public static class SalesforceConnectionExtensions
{
    /// <summary>
    /// Registers them; <paramref name="configuration"/> may name a certificate that encrypts the key
    /// ring (<see cref="KeyRingCertificate"/>). Without one the keys are stored unencrypted and Data
    /// Protection says so once per new key ("No XML encryptor configured"); the README explains when
    /// that is acceptable.
    /// </summary>
    public static IServiceCollection AddSalesforceConnections(this IServiceCollection services, IConfiguration configuration)
    {
        // One application name and one key ring in the database: every node decrypts what another encrypted.
        var dataProtection = services.AddDataProtection().SetApplicationName("Rapport").PersistKeysToDbContext<RapportDbContext>();
        if (KeyRingCertificate.Load(configuration) is { } certificate)
        {
            // Every node needs the same certificate file: it decrypts the keys another node wrote.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddSalesforceClient();
        services.AddSingleton<SalesforceSecretProtector>();
        services.AddSingleton<SalesforceConnections>();
        services.AddSingleton<Rapport.Sync.Connectors.ICrmConnectorFactory, SalesforceConnectorFactory>();
        return services;
    }
}
