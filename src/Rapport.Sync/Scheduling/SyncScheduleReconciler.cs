using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using Rapport.Data;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Scheduling;

/// <summary>
/// Keeps the Quartz triggers in step with the connections (<see cref="SyncSchedulePlan"/>): at
/// startup, periodically (a change made on another node or by the CLI), and right after a change
/// through the admin API. Unchanged triggers are left alone so their next fire time is kept.
/// </summary>
public sealed class SyncScheduleReconciler(
    ISchedulerFactory schedulers, IDbContextFactory<RapportDbContext> contexts, TimeProvider time, ILogger<SyncScheduleReconciler> logger)
{
    private static readonly string[] Kinds = [SyncTriggers.Nightly, SyncTriggers.Interval, SyncTriggers.Initial];

    /// <summary>Reconciles every connection.</summary>
    public async Task ReconcileAllAsync(CancellationToken cancellationToken)
    {
        List<string> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.SalesforceConnections.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in ids)
        {
            try
            {
                await ReconcileAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another node reconciling the same connection at the same moment, say; the next pass converges.
                logger.LogWarning("Reconciling the sync schedule of connection {ConnectionId} failed: {Message}", id, ex.Message);
            }
        }
    }

    /// <summary>Reconciles the connection of one dataset, if it has one.</summary>
    public async Task ReconcileDatasetAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.AsNoTracking().Where(c => c.DatasetId == datasetId).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken) is { } id)
        {
            await ReconcileAsync(id, cancellationToken);
        }
    }

    /// <summary>Makes one connection's triggers match its plan; a deleted connection loses its triggers.</summary>
    public async Task ReconcileAsync(string connectionId, CancellationToken cancellationToken)
    {
        IReadOnlyList<SyncScheduleEntry> plan = [];
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var connection = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
            if (connection is not null)
            {
                var timeZone = await db.Datasets.AsNoTracking().Where(d => d.Id == connection.DatasetId).Select(d => d.TimeZone).FirstOrDefaultAsync(cancellationToken);
                plan = SyncSchedulePlan.For(connection, SafeParse(connection.SyncSettings, connectionId), timeZone);
            }
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<SyncJob>().WithIdentity(SyncScheduleKeys.Job(connectionId)).StoreDurably().Build();
        foreach (var kind in Kinds)
        {
            var key = SyncScheduleKeys.Trigger(connectionId, kind);
            var existing = await scheduler.GetTrigger(key, cancellationToken);
            var wanted = plan.FirstOrDefault(e => e.Kind == kind);
            if (wanted is null)
            {
                if (existing is not null)
                {
                    await scheduler.UnscheduleJob(key, cancellationToken);
                }
                continue;
            }
            if (existing is not null && Matches(existing, wanted))
            {
                continue;
            }
            var trigger = Build(job, key, wanted);
            if (existing is not null)
            {
                await scheduler.RescheduleJob(key, trigger, cancellationToken);
            }
            else
            {
                if (!await scheduler.Exists(job.Key, cancellationToken))
                {
                    await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
                }
                // Replace: a node reconciling concurrently may have scheduled the same trigger a moment ago.
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
            }
            logger.LogInformation("Sync schedule of connection {ConnectionId}: {Kind} {Schedule}", connectionId, kind,
                wanted.Cron is null ? $"every {wanted.Interval!.Value.TotalMinutes} min" : $"\"{wanted.Cron}\" ({wanted.TimeZone!.Id})");
        }
        if (plan.Count == 0 && await scheduler.Exists(job.Key, cancellationToken))
        {
            await scheduler.DeleteJob(job.Key, cancellationToken);
        }
    }

    private ITrigger Build(IJobDetail job, TriggerKey key, SyncScheduleEntry entry)
    {
        var builder = TriggerBuilder.Create(time).WithIdentity(key).ForJob(job).UsingJobData(SyncJob.TriggerKind, entry.Kind);
        if (entry.Cron is not null)
        {
            return builder.WithSchedule(CronScheduleBuilder.Create(entry.Cron).InTimeZone(entry.TimeZone ?? TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .StartNow().Build();
        }
        var schedule = SimpleScheduleBuilder.Create().WithInterval(entry.Interval!.Value).RepeatForever();
        // The initial run starts now (unpausing is what asked for it); the interval's first run comes one interval later.
        return entry.Kind == SyncTriggers.Initial
            ? builder.WithSchedule(schedule).StartNow().Build()
            : builder.WithSchedule(schedule).StartAt(time.GetUtcNow() + entry.Interval.Value).Build();
    }

    private static bool Matches(ITrigger existing, SyncScheduleEntry wanted) => existing switch
    {
        ICronTrigger cron => wanted.Cron == cron.CronExpressionString && wanted.TimeZone?.Id == cron.TimeZone.Id,
        ISimpleTrigger simple => wanted.Cron is null && wanted.Interval == simple.RepeatInterval,
        _ => false,
    };

    private SyncSettings SafeParse(string json, string connectionId)
    {
        try
        {
            return SyncSettings.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            logger.LogWarning("Sync settings of connection {ConnectionId} cannot be read ({Message}); its default schedule applies.", connectionId, ex.Message);
            return new SyncSettings();
        }
    }
}
