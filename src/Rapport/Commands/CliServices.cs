using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Data.Storage;

namespace Rapport.Commands;

/// <summary>The storage services a command needs, without the web server.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> CreateAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await RapportDataExtensions.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddRapportData(storage);
        return services.BuildServiceProvider();
    }
}
