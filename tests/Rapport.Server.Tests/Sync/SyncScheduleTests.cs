using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Rapport.Data.Entities;
using Rapport.Sync.Runs;
using Rapport.Sync.Scheduling;

namespace Rapport.Server.Tests.Sync;

/// <summary>The reconciler against Quartz's persistent store: which triggers a connection gets, and that they fire.</summary>
public abstract class SyncScheduleTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : SyncHostFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private SyncScheduleReconciler Reconciler => fixture.Services.GetRequiredService<SyncScheduleReconciler>();

    [Fact]
    public async Task Reconcile_ActiveAfterInitialRun_SchedulesNightlyInDatasetTimeZoneAndInterval()
    {
        var (_, connectionId) = await fixture.ConnectionAsync(timeZone: "Europe/Paris");

        await Reconciler.ReconcileAsync(connectionId, Ct);

        var scheduler = await SchedulerAsync();
        var nightly = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Nightly), Ct));
        var interval = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Interval), Ct));
        Assert.Equal("0 0 2 * * ?", nightly.CronExpressionString);
        Assert.Equal("Europe/Paris", nightly.TimeZone.Id);
        Assert.Equal(TimeSpan.FromMinutes(5), interval.RepeatInterval);
        Assert.Null(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Initial), Ct));
    }

    [Fact]
    public async Task Reconcile_Paused_RemovesEveryTrigger()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync();
        await Reconciler.ReconcileAsync(connectionId, Ct);
        await using (var db = await fixture.Db())
        {
            await db.SalesforceConnections.Where(c => c.Id == connectionId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, SalesforceConnectionState.Paused), Ct);
        }

        await Reconciler.ReconcileDatasetAsync(datasetId, Ct);

        var scheduler = await SchedulerAsync();
        Assert.Null(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Nightly), Ct));
        Assert.Null(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Interval), Ct));
        Assert.False(await scheduler.Exists(SyncScheduleKeys.Job(connectionId), Ct));
    }

    [Fact]
    public async Task PutSyncSettings_NewInterval_ReschedulesTheIntervalTrigger()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync();
        await Reconciler.ReconcileAsync(connectionId, Ct);

        using var put = await fixture.Admin.PutAsync(SyncHostFixture.Path(datasetId, "sync-settings"),
            new StringContent("""{"schedule": {"intervalMinutes": 15, "nightlyEnabled": false}}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        var scheduler = await SchedulerAsync();
        var interval = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Interval), Ct));
        Assert.True(put.IsSuccessStatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), interval.RepeatInterval);
        Assert.Null(await scheduler.GetTrigger(SyncScheduleKeys.Trigger(connectionId, SyncTriggers.Nightly), Ct));
    }

    [Fact]
    public async Task Unpause_BeforeInitialRun_RunsTheInitialSyncThroughQuartz()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync(state: SalesforceConnectionState.Paused, initialDone: false);

        using var unpause = await fixture.Admin.PostAsync(SyncHostFixture.Path(datasetId, "unpause"), null, Ct);

        Assert.True(unpause.IsSuccessStatusCode, await unpause.Content.ReadAsStringAsync(Ct));
        SyncRunEntity? run = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (run?.Status is null or SyncRunStatus.Running)
        {
            await Task.Delay(100, timeout.Token);
            await using var db = await fixture.Db();
            run = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connectionId).OrderBy(r => r.Id).FirstOrDefaultAsync(timeout.Token);
        }
        await using var check = await fixture.Db();
        var connection = await check.SalesforceConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId, Ct);
        Assert.Equal(SyncTriggers.Initial, run.Trigger);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.NotNull(connection.InitialSyncCompletedAt);
    }

    private Task<IScheduler> SchedulerAsync() => fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct).AsTask();
}
