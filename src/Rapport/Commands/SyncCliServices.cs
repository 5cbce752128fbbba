using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Data.Storage;
using Rapport.Server;
using Rapport.Server.Integrations;
using Rapport.Server.Sync;
using Rapport.Sync.Runs;

namespace Rapport.Commands;

/// <summary>What <c>rapport sync</c> needs without the web server: storage, the Salesforce connector and the sync runner (no schedules).</summary>
internal static class SyncCliServices
{
    /// <summary>
    /// Reads the settings as <c>rapport serve</c> does (appsettings.json, RAPPORT_* variables, then the
    /// command's options), so a CLI run beside a server keeps the same lease timing; refuses bad sync
    /// settings before touching the database. Used by every <c>rapport sync</c> verb.
    /// </summary>
    public static async Task<ServiceProvider> CreateAsync(StorageOptions storage, IDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var configuration = RapportConfiguration.Build(overrides);
        var services = new ServiceCollection();
        // Warnings would interleave with the progress display; the run's own outcome says what went wrong.
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddRapportData(storage);
        services.AddSalesforceConnections(configuration);
        services.AddSyncRuns();
        var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<SyncRunnerOptions>>().Value;
        }
        // InvalidOperationException: the binder could not read a value (a word where seconds were expected).
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw new CliException("configuration: " + ex.Message);
        }
        try
        {
            await RapportDataExtensions.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return provider;
    }
}
