using Rapport.Sync.Runs;

namespace Rapport.Sync.Activities;

/// <summary>
/// Activities as the last stage of a sync run, for hosts without the background dispatcher (the CLI's
/// <c>rapport sync</c>) and for "synchronize now" to flush what is pending. Sharing the cursor with the
/// background dispatcher is safe: an event both send is upserted onto the same activity.
/// </summary>
public sealed class ActivityStage(ActivityDispatcher dispatcher) : ISyncStage
{
    public string Name => ActivityDispatcher.CursorName;

    public async Task RunAsync(SyncContext context, CancellationToken cancellationToken)
    {
        if (!context.Settings.Activities.Enabled)
        {
            return;
        }
        var result = await dispatcher.DispatchAsync(context, cancellationToken);
        var stats = context.Run.For("activity", "Activity");
        stats.AddRead(result.Events);
        stats.AddCreated(result.Written);
        stats.AddFailed(result.Failed);
        stats.AddUnchanged(result.Unlinked);
        stats.AddUpdated(result.NpsUpdated);
    }
}
