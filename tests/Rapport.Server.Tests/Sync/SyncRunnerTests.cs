using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Entities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;

namespace Rapport.Server.Tests.Sync;

/// <summary>The runner against a real database with fake stages: the lease, failure classes and what a run records.</summary>
public abstract class SyncRunnerTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : SyncHostFixture
{
    private SyncRunner Runner => fixture.Services.GetRequiredService<SyncRunner>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_SecondRunWhileFirstRuns_IsRefusedWithTheRunningRun()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        fixture.Script.Set(connectionId, async (stage, _, ct) =>
        {
            if (stage == "pull")
            {
                entered.TrySetResult();
                await release.Task.WaitAsync(ct);
            }
        });
        using var started = await fixture.Admin.PostAsync(SyncHostFixture.Path(datasetId, "sync"), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var second = await Runner.RunAsync(connectionId, SyncTriggers.Interval, null, Ct);
        using var third = await fixture.Admin.PostAsync(SyncHostFixture.Path(datasetId, "sync"), null, Ct);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>(Ct);

        release.SetResult();
        var first = await fixture.WaitForRunAsync(datasetId, runId);
        Assert.Equal(SyncRunRefusal.AlreadyRunning, second.Refusal);
        Assert.Equal(runId, second.RunId);
        Assert.Contains($"already running (run {runId}, started", second.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal(runId, problem.GetProperty("runId").GetInt64());
        Assert.Equal("Succeeded", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StartAsync_ManyAtOnce_ExactlyOneTakesTheLease()
    {
        var (_, connectionId) = await fixture.ConnectionAsync();

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Runner.StartAsync(connectionId, SyncTriggers.Manual, Ct), Ct)));

        var started = Assert.Single(starts, s => s.Started);
        Assert.All(starts.Where(s => !s.Started), s => Assert.Equal(started.RunId, s.RunningRunId));
        var outcome = await Runner.ExecuteAsync(started, null, Ct);
        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
    }

    [Fact]
    public async Task RunAsync_StaleRunningRow_IsMarkedInterruptedAndTheRunProceeds()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync();
        long staleId;
        await using (var db = await fixture.Db())
        {
            var stale = new SyncRunEntity
            {
                ConnectionId = connectionId, DatasetId = datasetId, Trigger = SyncTriggers.Nightly, Status = SyncRunStatus.Running,
                StartedAt = DateTime.UtcNow.AddHours(-1), HeartbeatAt = DateTime.UtcNow.AddMinutes(-30),
            };
            db.SyncRuns.Add(stale);
            await db.SaveChangesAsync(Ct);
            staleId = stale.Id;
        }

        var outcome = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

        await using var check = await fixture.Db();
        var old = await check.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == staleId, Ct);
        Assert.Equal(SyncRunStatus.Interrupted, old.Status);
        Assert.NotNull(old.EndedAt);
        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
    }

    [Fact]
    public async Task RunAsync_RequestLimitExceeded_StopsAndTheNextRunSucceeds()
    {
        var (_, connectionId) = await fixture.ConnectionAsync();
        var limited = true;
        fixture.Script.Set(connectionId, (stage, context, _) =>
        {
            if (stage == "push" && limited)
            {
                throw new CrmException(CrmFailureKind.RequestLimitExceeded, "TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED");
            }
            context.Run.For(stage, "Contact").AddRead();
            return Task.CompletedTask;
        });

        var stopped = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);
        limited = false;
        var next = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

        Assert.Equal(SyncRunStatus.Stopped, stopped.Status);
        Assert.Equal(SyncFailure.RequestLimitMessage, stopped.Message);
        Assert.Equal(1, stopped.Stats["pull:Contact"].Read);
        Assert.Equal(SyncRunStatus.Succeeded, next.Status);
        Assert.Equal(4, next.TotalApiCalls);
    }

    [Fact]
    public async Task RunAsync_AuthenticationFailed_FailsAndMarksTheConnectionCheckFailed()
    {
        var (_, connectionId) = await fixture.ConnectionAsync();
        fixture.Connectors.OpenFailure = id => id == connectionId
            ? new CrmException(CrmFailureKind.AuthenticationFailed, "expired access/refresh token", "invalid_grant")
            : null;
        try
        {
            var outcome = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

            await using var db = await fixture.Db();
            var connection = await db.SalesforceConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId, Ct);
            Assert.Equal(SyncRunStatus.Failed, outcome.Status);
            Assert.Contains("Reconnect", outcome.Message, StringComparison.Ordinal);
            Assert.False(connection.LastCheckSucceeded);
            Assert.Equal("invalid_grant", connection.LastCheckFailure);
            Assert.Contains("Reconnect", connection.LastCheckMessage, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Connectors.OpenFailure = _ => null;
        }
    }

    [Fact]
    public async Task RunAsync_RepeatedRecordErrors_PersistOneRowPerErrorWithCounts()
    {
        var (_, connectionId) = await fixture.ConnectionAsync(initialDone: false, state: SalesforceConnectionState.Paused);
        var duplicate = new CrmError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone is invalid", ["Phone"]);
        fixture.Script.Set(connectionId, (stage, context, _) =>
        {
            if (stage == "push")
            {
                context.Run.Error("push", "Contact", "003000000000001AAA", "u1", duplicate);
                context.Run.Error("push", "Contact", "003000000000001AAA", "u1", duplicate);
                context.Run.Error("push", "Contact", "003000000000002AAA", "u2", new CrmError("ENTITY_IS_DELETED", "entity is deleted", []));
            }
            return Task.CompletedTask;
        });

        var outcome = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

        await using var db = await fixture.Db();
        var errors = await db.SyncErrors.AsNoTracking().Where(e => e.RunId == outcome.RunId).OrderBy(e => e.RecordId).ToListAsync(Ct);
        var connection = await db.SalesforceConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId, Ct);
        Assert.Equal(SyncRunStatus.CompletedWithErrors, outcome.Status);
        Assert.Equal(2, outcome.ErrorCount);
        Assert.Equal([2, 1], errors.Select(e => e.Count));
        Assert.Equal("[\"Phone\"]", errors[0].Fields);
        Assert.Equal(64, errors[0].Hash.Length);
        Assert.NotNull(connection.InitialSyncCompletedAt);
    }

    [Fact]
    public async Task RunAsync_ScheduledTriggerOnPausedConnection_IsRefused()
    {
        var (_, connectionId) = await fixture.ConnectionAsync(state: SalesforceConnectionState.Paused);

        var scheduled = await Runner.RunAsync(connectionId, SyncTriggers.Nightly, null, Ct);
        var manual = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

        Assert.Equal(SyncRunRefusal.NotActive, scheduled.Refusal);
        Assert.Equal(SyncRunStatus.Succeeded, manual.Status);
    }

    [Fact]
    public async Task RunAsync_StageThrowsUnexpectedly_FailsWithAGenericMessage()
    {
        var (_, connectionId) = await fixture.ConnectionAsync();
        fixture.Script.Set(connectionId, (_, _, _) => throw new InvalidOperationException("secret internals"));

        var outcome = await Runner.RunAsync(connectionId, SyncTriggers.Manual, null, Ct);

        Assert.Equal(SyncRunStatus.Failed, outcome.Status);
        Assert.DoesNotContain("secret internals", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("server log", outcome.Message, StringComparison.Ordinal);
    }
}
