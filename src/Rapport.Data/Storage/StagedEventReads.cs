using System.Data;
using Microsoft.EntityFrameworkCore;
using Rapport.Data.EventLog;

namespace Rapport.Data.Storage;

/// <summary>
/// Accepted events not moved into <c>events</c> yet (SQLite only, see <see cref="SqliteEventSplitter"/>):
/// they count as pending and as received. Moments after an append there are a few such rows at most.
/// </summary>
public static class StagedEventReads
{
    /// <summary>
    /// Staged events a read of the log moves in before it looks, so an event is listed once its
    /// append returned. Bounded: during a burst the processor yields, the backlog can be large, and
    /// a page view must not carry it.
    /// </summary>
    public const int ReadYourWritesBudget = 10_000;

    // One statement, so the count and the oldest time come from the same snapshot even while the
    // processor moves rows out.
    private const string Sql = "SELECT coalesce(sum(event_count), 0), min(received_at_ms) FROM "
        + SqliteEventLogSchema.AttachedName + ".staged_events WHERE dataset_id = $dataset";

    /// <summary>How many events of the dataset are staged, and the receive time of the oldest (null when none).</summary>
    public static async Task<(long Count, long? OldestReceivedAtMs)> StagedEventsAsync(this RapportDbContext db, string datasetId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return (0, null);
        }
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$dataset";
            parameter.Value = datasetId;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
