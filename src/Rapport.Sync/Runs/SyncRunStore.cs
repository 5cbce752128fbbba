using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Runs;

/// <summary>Writes how a run ended: its counts, API calls, deduplicated errors and status, and what it means for the connection.</summary>
public sealed class SyncRunStore(IDbContextFactory<RapportDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SyncRunOutcome> FinishAsync(long runId, SyncRunRecorder recorder, IReadOnlyDictionary<string, long> apiCalls,
        SyncFailure? failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = recorder.Errors;
        var status = failure?.Status ?? (errors.Count > 0 ? SyncRunStatus.CompletedWithErrors : SyncRunStatus.Succeeded);
        var stats = recorder.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => SyncRunCounts.From(s.Value));
        var total = (int)Math.Min(int.MaxValue, apiCalls.Values.Sum());

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        run.Status = status;
        run.EndedAt = now;
        run.HeartbeatAt = now;
        run.Stats = JsonSerializer.Serialize(stats, Json);
        run.ApiCalls = JsonSerializer.Serialize(apiCalls, Json);
        run.TotalApiCalls = total;
        run.ErrorCount = errors.Count;
        run.Message = failure?.Message is { Length: > 2000 } text ? text[..2000] : failure?.Message;
        foreach (var error in errors)
        {
            db.SyncErrors.Add(error.ToEntity(runId, run.ConnectionId, now));
        }
        var connection = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.Id == run.ConnectionId, cancellationToken);
        if (connection is not null)
        {
            if (status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors && connection.InitialSyncCompletedAt is null)
            {
                // Record-level rejections do not hold back the schedules; they are listed as the run's errors.
                connection.InitialSyncCompletedAt = now;
            }
            if (failure?.Reconnect == true)
            {
                connection.LastCheckAt = now;
                connection.LastCheckSucceeded = false;
                connection.LastCheckFailure = failure.CheckFailure;
                connection.LastCheckMessage = failure.Message;
                connection.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SyncRunOutcome
        {
            RunId = runId, Status = status, Message = run.Message, Stats = stats, ApiCalls = apiCalls, TotalApiCalls = total, ErrorCount = errors.Count,
        };
    }
}
