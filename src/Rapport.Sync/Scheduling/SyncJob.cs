using Microsoft.Extensions.Logging;
using Quartz;
using Rapport.Sync.Runs;

namespace Rapport.Sync.Scheduling;

/// <summary>
/// The scheduled synchronization of one connection (the job key's name is the connection id; the
/// trigger's data says nightly, interval or initial). Quartz never runs two at once for one job; the
/// run lease keeps it from overlapping a manual run or another node's run too.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SyncJob(SyncRunner runner, ILogger<SyncJob> logger) : IJob
{
    public const string TriggerKind = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var connectionId = context.JobDetail.Key.Name;
        var trigger = context.MergedJobDataMap.GetString(TriggerKind) ?? SyncTriggers.Interval;
        try
        {
            var outcome = await runner.RunAsync(connectionId, trigger, progress: null, cancellationToken);
            if (outcome.Refusal == SyncRunRefusal.NoConnection)
            {
                // The connection was deleted: its schedule goes with it.
                await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
            }
            else if (outcome.Refusal != SyncRunRefusal.None)
            {
                logger.LogInformation("Scheduled {Trigger} sync of connection {ConnectionId} skipped: {Message}", trigger, connectionId, outcome.Message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The runner records stage failures itself; this is the database being unreachable. The next trigger retries.
            logger.LogError(ex, "Scheduled {Trigger} sync of connection {ConnectionId} could not start", trigger, connectionId);
        }
    }
}
