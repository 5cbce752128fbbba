using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Server.Sync;

namespace Rapport.Server.Console.Overview;

/// <summary>
/// The Salesforce line of a dataset's overview: the connection's state and its last run, read as
/// the sync-status API reads them (<see cref="SyncRunsApi"/>) and worded by <see cref="SyncRunMapper"/>.
/// </summary>
/// <param name="Connection">The connection, or null when the dataset has none.</param>
/// <param name="Established">True when it holds credentials and is not deactivated.</param>
/// <param name="LastRun">The last finished run, or null.</param>
/// <param name="Running">The run in progress, or null.</param>
public sealed record SalesforceSummary(SalesforceConnectionEntity? Connection, bool Established, SyncRunEntity? LastRun, SyncRunEntity? Running)
{
    /// <summary>"Last synchronized 2026-11-23 02:00 UTC: Success", or "Never synchronized".</summary>
    public string StatusLine => SyncRunMapper.Summary(LastRun, Running);

    /// <summary>Reads the dataset's connection and its latest runs.</summary>
    public static async Task<SalesforceSummary> LoadAsync(IDbContextFactory<RapportDbContext> contexts, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        if (connection is null)
        {
            return new SalesforceSummary(null, false, null, null);
        }
        // Both walk the (connection_id, id) index back from the newest run: a run in progress is
        // the newest one (a connection never overlaps itself), so neither reads the whole history.
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connection.Id).OrderByDescending(r => r.Id);
        var newest = await runs.FirstOrDefaultAsync(cancellationToken);
        var running = newest?.Status == SyncRunStatus.Running ? newest : null;
        var last = running is null
            ? newest
            : await runs.Where(r => r.Status != SyncRunStatus.Running).FirstOrDefaultAsync(cancellationToken);
        var established = connection.State != SalesforceConnectionState.Deactivated
            && (connection.AccessTokenProtected is not null || connection.PasswordProtected is not null);
        return new SalesforceSummary(connection, established, last, running);
    }
}
