using Quartz;
using Rapport.Sync.Scheduling;

namespace Rapport.Server.Sync;

/// <summary>
/// What the admin API tells the schedules: a connection changed (settings, pause, unpause,
/// deactivate), so its triggers are reconciled now rather than at the next periodic pass. Failures are
/// logged, never thrown: the change itself is saved and the periodic pass catches up.
/// </summary>
public sealed class SyncSchedules(IServiceProvider services, ILogger<SyncSchedules> logger)
{
    public async Task ConnectionChangedAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (services.GetService<SyncScheduleReconciler>() is not { } reconciler)
        {
            return;
        }
        try
        {
            await reconciler.ReconcileAsync(connectionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Reconciling the sync schedule of connection {ConnectionId} failed; the periodic pass retries.", connectionId);
        }
    }

    /// <summary>The next fire time of each of a connection's triggers (nightly, interval, initial), for the status endpoint.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset?>> NextRunsAsync(string connectionId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        if (services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return result;
        }
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            foreach (var kind in new[] { Rapport.Sync.Runs.SyncTriggers.Initial, Rapport.Sync.Runs.SyncTriggers.Nightly, Rapport.Sync.Runs.SyncTriggers.Interval })
            {
                if (await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, kind), cancellationToken) is { } trigger)
                {
                    result[kind] = trigger.NextFireTimeUtc;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Reading the sync schedule of connection {ConnectionId} failed: {Message}", connectionId, ex.Message);
        }
        return result;
    }
}
