using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Runs;

namespace Rapport.Server.Sync;

/// <summary>
/// <c>/api/datasets/{id}/connections/salesforce</c>: synchronize now, the runs and their errors, and
/// the status line ("Last synchronized …: Success").
/// </summary>
public static class SyncRunsApi
{
    public const int DefaultRunLimit = 20;
    public const int MaxRunLimit = 500;

    public static RouteGroupBuilder MapSyncRunsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets/{datasetId}/connections/salesforce").WithTags("Salesforce sync");
        group.MapPost("/sync", SyncNowAsync);
        group.MapGet("/sync-status", StatusAsync);
        group.MapGet("/runs", RunsAsync);
        group.MapGet("/runs/{runId:long}", RunAsync);
        group.MapGet("/runs/{runId:long}/errors", ErrorsAsync);
        return api;
    }

    public static async Task<IResult> SyncNowAsync(
        string datasetId, IDbContextFactory<RapportDbContext> contexts, SyncRunner runner, SyncBackgroundRuns background, CancellationToken cancellationToken)
    {
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(contexts, datasetId, cancellationToken);
        if (connection is null)
        {
            return problem!;
        }
        var start = await runner.StartAsync(connection.Id, SyncTriggers.Manual, cancellationToken);
        if (!start.Started)
        {
            var extensions = new Dictionary<string, object?> { ["reason"] = start.Refusal.ToString() };
            if (start.RunningRunId is { } running)
            {
                extensions["runId"] = running;
            }
            var title = start.Refusal == SyncRunRefusal.AlreadyRunning ? "Synchronization already running" : "Cannot synchronize";
            return TypedResults.Problem(statusCode: start.Refusal == SyncRunRefusal.NoConnection ? 404 : 409, title: title, detail: start.Message, extensions: extensions);
        }
        background.Start(start);
        var location = $"/api/datasets/{datasetId}/connections/salesforce/runs/{start.RunId}";
        return TypedResults.Accepted(location, new SyncStartedResponse(start.RunId!.Value, nameof(SyncRunStatus.Running), location));
    }

    public static async Task<IResult> StatusAsync(
        string datasetId, IDbContextFactory<RapportDbContext> contexts, SyncSchedules schedules, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(db, datasetId, tracked: false, cancellationToken);
        if (connection is null)
        {
            return problem!;
        }
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connection.Id);
        var last = await runs.Where(r => r.Status != SyncRunStatus.Running).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var running = await runs.Where(r => r.Status == SyncRunStatus.Running).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var established = connection.State != SalesforceConnectionState.Deactivated
            && (connection.AccessTokenProtected is not null || connection.PasswordProtected is not null);
        return TypedResults.Ok(new SyncStatusResponse(
            connection.Id, connection.State.ToString(), established,
            connection.InitialSyncCompletedAt is { } initial ? SyncRunMapper.Utc(initial) : null,
            SyncRunMapper.Summary(last, running),
            last is null ? null : SyncRunMapper.ToResponse(last), running is null ? null : SyncRunMapper.ToResponse(running),
            await schedules.NextRunsAsync(connection.Id, cancellationToken)));
    }

    public static async Task<IResult> RunsAsync(
        string datasetId, int? limit, IDbContextFactory<RapportDbContext> contexts, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxRunLimit)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: $"\"limit\" must be between 1 and {MaxRunLimit}.",
                extensions: new Dictionary<string, object?> { ["field"] = "limit" });
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(db, datasetId, tracked: false, cancellationToken);
        if (connection is null)
        {
            return problem!;
        }
        var runs = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connection.Id)
            .OrderByDescending(r => r.Id).Take(limit ?? DefaultRunLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(SyncRunMapper.ToResponse).ToList());
    }

    public static async Task<IResult> RunAsync(string datasetId, long runId, IDbContextFactory<RapportDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (run, problem) = await FindRunAsync(db, datasetId, runId, cancellationToken);
        return run is null ? problem! : TypedResults.Ok(SyncRunMapper.ToResponse(run));
    }

    public static async Task<IResult> ErrorsAsync(string datasetId, long runId, IDbContextFactory<RapportDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (run, problem) = await FindRunAsync(db, datasetId, runId, cancellationToken);
        if (run is null)
        {
            return problem!;
        }
        var errors = await db.SyncErrors.AsNoTracking().Where(e => e.RunId == run.Id)
            .OrderByDescending(e => e.Count).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(errors.Select(SyncRunMapper.ToResponse).ToList());
    }

    private static async Task<(SyncRunEntity? Run, IResult? Problem)> FindRunAsync(RapportDbContext db, string datasetId, long runId, CancellationToken cancellationToken)
    {
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(db, datasetId, tracked: false, cancellationToken);
        if (connection is null)
        {
            return (null, problem);
        }
        var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.ConnectionId == connection.Id, cancellationToken);
        return run is null
            ? (null, TypedResults.Problem(statusCode: 404, title: "Run not found",
                detail: $"Connection of dataset \"{datasetId}\" has no run {runId}; list runs with GET /api/datasets/{datasetId}/connections/salesforce/runs."))
            : (run, null);
    }
}
