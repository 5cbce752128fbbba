using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Runs;

/// <summary>
/// The database lease that keeps a connection's runs from overlapping, across processes (a CLI
/// beside a server on SQLite) and nodes (PostgreSQL). A run holds it by being the connection's one
/// Running row with a fresh heartbeat; a Running row whose heartbeat went stale was left by a
/// process that died and is closed as Interrupted.
/// </summary>
public sealed class SyncRunLease(IDbContextFactory<RapportDbContext> contexts, TimeProvider time, SyncRunnerOptions options)
{
    /// <summary>Takes the lease and creates the Running row, or says why not.</summary>
    public async Task<SyncRunStart> AcquireAsync(string connectionId, string trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A no-op write to the connection row serializes lease takers: PostgreSQL holds the row lock and
        // SQLite the database write lock until commit, so two takers cannot both see "nothing running".
        var locked = await db.SalesforceConnections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumerKey, c => c.ConsumerKey), cancellationToken);
        if (locked == 0)
        {
            return Refuse(connectionId, trigger, SyncRunRefusal.NoConnection, "The Salesforce connection no longer exists.");
        }
        var connection = await db.SalesforceConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId, cancellationToken);
        if (Eligibility(connection, trigger) is { } refusal)
        {
            return refusal;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var staleBefore = now - options.StaleAfter;
        await db.SyncRuns
            .Where(r => r.ConnectionId == connectionId && r.Status == SyncRunStatus.Running && (r.HeartbeatAt == null || r.HeartbeatAt < staleBefore))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncRunStatus.Interrupted)
                .SetProperty(r => r.EndedAt, now)
                .SetProperty(r => r.Message, "The process running this synchronization stopped without finishing it (no heartbeat); the next run resumed from the last checkpoint."),
                cancellationToken);
        var running = await db.SyncRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Status == SyncRunStatus.Running)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (running is not null)
        {
            var started = running.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            return Refuse(connectionId, trigger, SyncRunRefusal.AlreadyRunning,
                $"A synchronization of this connection is already running (run {running.Id}, started {started} UTC).") with { RunningRunId = running.Id };
        }
        var row = new SyncRunEntity
        {
            ConnectionId = connectionId, DatasetId = connection.DatasetId, Trigger = trigger, Status = SyncRunStatus.Running,
            StartedAt = now, HeartbeatAt = now,
        };
        db.SyncRuns.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SyncRunStart(connectionId, trigger, row.Id, SyncRunRefusal.None, null);
    }

    /// <summary>Touches the run's heartbeat until <paramref name="cancellationToken"/> ends the run.</summary>
    public async Task HeartbeatAsync(long runId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var now = time.GetUtcNow().UtcDateTime;
                await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    /// <summary>Whether the connection may run for this trigger; null when it may.</summary>
    private static SyncRunStart? Eligibility(SalesforceConnectionEntity connection, string trigger)
    {
        var established = connection.State != SalesforceConnectionState.Deactivated
            && (connection.AccessTokenProtected is not null || (connection.AuthFlow == SalesforceAuthFlow.Password && connection.PasswordProtected is not null));
        if (!established)
        {
            return Refuse(connection.Id, trigger, SyncRunRefusal.NotEstablished,
                "The Salesforce connection is not established; establish it (POST …/connections/salesforce/authorize or …/password-login) before synchronizing.");
        }
        if (SyncTriggers.IsScheduled(trigger) && (connection.State != SalesforceConnectionState.Active || connection.InitialSyncCompletedAt is null))
        {
            return Refuse(connection.Id, trigger, SyncRunRefusal.NotActive,
                "Scheduled synchronization needs an active connection whose initial synchronization completed.");
        }
        if (trigger == SyncTriggers.Initial && connection.State != SalesforceConnectionState.Active)
        {
            return Refuse(connection.Id, trigger, SyncRunRefusal.NotActive, "The connection is paused; unpause it to run the initial synchronization.");
        }
        return null;
    }

    private static SyncRunStart Refuse(string connectionId, string trigger, SyncRunRefusal refusal, string message)
        => new(connectionId, trigger, null, refusal, message);
}
