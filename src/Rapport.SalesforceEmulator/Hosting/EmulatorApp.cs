using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Bulk;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Rest;
using Rapport.SalesforceEmulator.Seeding;

namespace Rapport.SalesforceEmulator.Hosting;

/// <summary>
/// The emulator host: OAuth and access (<see cref="EmulatorAuthExtensions"/>), the REST, Tooling and
/// Bulk APIs under <c>/services/data</c>, and the <c>/__emulator</c> controls, on Kestrel. Used by
/// <c>rapport emulator</c> and, in-process, by tests.
/// </summary>
public static class EmulatorApp
{
    private static readonly string[] SummaryObjects = ["Account", "Contact", "Lead", "Opportunity"];

    /// <summary>Builds the application with its data loaded (from the data file) or seeded; it is not started.</summary>
    /// <exception cref="EmulatorConfigException">The config file is unusable.</exception>
    /// <exception cref="InvalidDataException">The data file is not an emulator data file.</exception>
    public static WebApplication Build(EmulatorOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.Config ?? (options.ConfigFile is { } file ? EmulatorConfig.Load(file) : EmulatorConfig.CreateDefault());
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Urls);
        if (!options.VerboseLogging)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        // Bulk uploads and batch bodies are large; Salesforce accepts up to 150 MB of CSV per upload.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 150L * 1024 * 1024);
        var services = builder.Services;
        services.AddEmulatorAuth(new EmulatorAuthOptions { Config = config, BaseTimeProvider = options.TimeProvider });
        services.AddSingleton(options);
        services.AddSingleton(sp => new OrgStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IEmulatorDirectory>()));
        services.AddSingleton<FieldAccess>();
        services.AddSingleton(sp => new QueryCursors(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BulkJobs>();
        services.AddSingleton<EmulatorServices>();
        services.AddSingleton<SnapshotService>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotService>());

        var app = builder.Build();
        app.UseEmulatorAuth();
        app.MapEmulatorAuth();
        app.MapSalesforceRest();
        EmulatorDataControlApi.Map(app);
        app.MapGet("/", () => TypedResults.Text("Rapport Salesforce emulator. REST API under /services/data, OAuth under /services/oauth2, controls under /__emulator.\n"));

        var store = app.Services.GetRequiredService<OrgStore>();
        if (options.DataFile is not null && File.Exists(options.DataFile))
        {
            OrgSnapshot.Load(store, options.DataFile);
            app.Services.GetRequiredService<SnapshotService>().MarkSaved();
        }
        else if (options.Seed is { } seed and > 0)
        {
            OrgSeeder.Seed(store, SeedPlan.ForContacts(seed));
        }
        return app;
    }

    /// <summary>
    /// Starts the emulator, prints its base URL and the default connected app and user credentials,
    /// runs until <paramref name="cancellationToken"/> is cancelled, then saves the data file.
    /// </summary>
    public static async Task RunAsync(EmulatorOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var app = Build(options);
        await app.StartAsync(cancellationToken);
        var baseUrl = BaseUrl(app);
        var config = app.Services.GetRequiredService<EmulatorConfig>();
        var store = app.Services.GetRequiredService<OrgStore>();
        await output.WriteLineAsync($"Salesforce emulator listening on {baseUrl}");
        await output.WriteLineAsync($"  login URL and instance URL: {baseUrl}");
        await output.WriteLineAsync($"  REST API: {baseUrl}/services/data/v{ApiVersions.Current}/");
        await output.WriteLineAsync($"  records: {string.Join(", ", SummaryObjects.Select(o => $"{store.Count(o)} {o}"))}");
        if (options.DataFile is not null)
        {
            await output.WriteLineAsync($"  data file: {Path.GetFullPath(options.DataFile)}");
        }
        await output.WriteLineAsync(config.DescribeCredentials());
        await output.FlushAsync(cancellationToken);
        // The host's console lifetime takes SIGINT/SIGTERM for itself and only signals
        // ApplicationStopping, so wait for that as well as for the caller's token.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        if (options.DataFile is not null)
        {
            await output.WriteLineAsync($"Saved {Path.GetFullPath(options.DataFile)}");
        }
    }

    /// <summary>The first address the started app listens on, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public static string BaseUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return (addresses?.FirstOrDefault() ?? app.Urls.First()).TrimEnd('/');
    }
}
