using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using Rapport.Data.Storage;
using Rapport.Sync.Activities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Pull;
using Rapport.Sync.Push;
using Rapport.Sync.Runs;
using Rapport.Sync.Scheduling;

namespace Rapport.Server.Sync;

/// <summary>Registers the sync runner (server and CLI) and the Quartz schedules (server only).</summary>
public static class SyncServiceExtensions
{
    /// <summary>The configuration section of the sync settings (run lease timing, schedules, activities).</summary>
    public const string Section = "Rapport:Sync";

    /// <summary>
    /// The runner, its lease and store, and the stages. Call after the CRM connector is registered.
    /// The lease timing is bound from <see cref="Section"/> of the registered <see cref="IConfiguration"/>
    /// and validated: at start for hosts (ValidateOnStart), else when the runner is first resolved.
    /// </summary>
    public static IServiceCollection AddSyncRuns(this IServiceCollection services)
    {
        services.AddOptions<SyncRunnerOptions>().BindConfiguration(Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncRunnerOptions>, SyncRunnerOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SyncRunnerOptions>>().Value);
        services.TryAddSingleton<SyncRunLease>();
        services.TryAddSingleton<SyncRunStore>();
        services.TryAddSingleton<SyncRunner>();
        services.TryAddSingleton<ICrmConnectorFactory, UnavailableCrmConnectorFactory>();
        // Resolved as IEnumerable<ISyncStage> and ordered by SyncStageOrder: pull, push, activities.
        services.TryAddSingleton<ActivityDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncStage, PullStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncStage, PushStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncStage, ActivityStage>());
        return services;
    }

    /// <summary>
    /// Quartz with its persistent ADO store in Rapport's own database (SQLite, or PostgreSQL
    /// clustered so each run happens on one node), the reconciler, and "synchronize now" in the
    /// background. Quartz creates its qrtz_* tables when they are missing (ProvisionSchema).
    /// </summary>
    public static IServiceCollection AddSyncScheduling(this IServiceCollection services, StorageOptions storage, IConfiguration configuration)
    {
        services.AddSingleton<SyncSchedules>();
        services.AddSingleton<SyncSettingsStore>();
        services.AddSingleton<SyncBackgroundRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncBackgroundRuns>());
        if (!configuration.GetValue("Rapport:Sync:Schedules", true))
        {
            return services;
        }
        services.AddSingleton<SyncScheduleReconciler>();
        // Quartz logs its whole configuration at Information on every start; the reconciler logs what matters.
        services.AddLogging(logging => logging.AddFilter("Quartz", LogLevel.Warning));
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(options =>
            {
                // Every node of one database must share the name (it keys the qrtz_* rows); tests override it.
                options.InstanceName = configuration["Rapport:Sync:SchedulerName"] ?? "Rapport";
            });
            quartz.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                if (storage.Provider == DatabaseProvider.Sqlite)
                {
                    store.UseSqlite(storage.ConnectionString);
                }
                else
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseClustering(_ => { });
                }
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<SyncScheduleService>();
        return services;
    }
}
