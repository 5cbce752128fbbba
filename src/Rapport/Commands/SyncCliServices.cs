using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Data.Storage;
using Rapport.Server.Integrations;
using Rapport.Server.Sync;

namespace Rapport.Commands;

/// <summary>What <c>rapport sync</c> needs without the web server: storage, the Salesforce connector and the sync runner (no schedules).</summary>
internal static class SyncCliServices
{
    public static async Task<ServiceProvider> CreateAsync(StorageOptions storage, IDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        await RapportDataExtensions.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(overrides).Build();
        var services = new ServiceCollection();
        // Warnings would interleave with the progress display; the run's own outcome says what went wrong.
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddRapportData(storage);
        services.AddSalesforceConnections();
        services.AddSyncRuns();
        return services.BuildServiceProvider();
    }
}
