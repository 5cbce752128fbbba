using Microsoft.Extensions.Options;
using Rapport.Data.Storage;
using Rapport.Server.Admin;

namespace Rapport.Server;

/// <summary>Builds and starts the Rapport web application (used by <c>rapport serve</c>, tests and benchmarks).</summary>
public static class RapportServer
{
    /// <summary>
    /// Creates the builder with Rapport's services. <paramref name="configure"/> runs before the
    /// services are added, so hosts and tests can override configuration.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // RAPPORT_* variables rank above appsettings.json; hosts' own settings (CLI options) rank above both.
        ((IConfigurationBuilder)builder.Configuration).Add(new Configuration.RapportEnvironmentVariablesSource());
        configure?.Invoke(builder);
        builder.AddRapportServices();
        return builder;
    }

    /// <summary>Builds the app with every endpoint mapped; SQLite databases are migrated first.</summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var app = builder.Build();
        var storage = app.Services.GetRequiredService<StorageOptions>();
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            // Embedded mode creates and upgrades its own database; PostgreSQL is migrated explicitly
            // with `rapport migrate`, so one node cannot change the schema under the others.
            await RapportDataExtensions.MigrateAsync(storage, cancellationToken);
        }
        app.MapRapport();
        return app;
    }

    public static string AdminKeyOf(WebApplication app) => app.Services.GetRequiredService<AdminKey>().Value;

    /// <summary>The console account created at this start with its one-time password, when there was none.</summary>
    public static Console.Accounts.FirstAdminAccount FirstAdminOf(WebApplication app) => app.Services.GetRequiredService<Console.Accounts.FirstAdminAccount>();

    public static StorageOptions StorageOf(WebApplication app) => app.Services.GetRequiredService<StorageOptions>();

    internal static T Option<T>(IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
