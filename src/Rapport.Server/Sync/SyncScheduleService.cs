using Rapport.Sync.Scheduling;

namespace Rapport.Server.Sync;

/// <summary>
/// Reconciles every connection's triggers at startup and then every
/// <c>Rapport:Sync:ReconcileSeconds</c> (60 by default), so changes made by another node or the
/// CLI reach the schedules too. Thin loop: each pass is caught and logged.
/// </summary>
public sealed class SyncScheduleService(SyncScheduleReconciler reconciler, IConfiguration configuration, TimeProvider time, ILogger<SyncScheduleService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Rapport:Sync:ReconcileSeconds", 60);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, seconds)), time);
        do
        {
            try
            {
                await reconciler.ReconcileAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reconciling sync schedules failed; retrying in {Seconds} s.", seconds);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
