using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// Appends to the PostgreSQL event log. Sequences are handed out at insert time but become
/// visible at commit; with several nodes a reader could pass a gap that a slower transaction
/// fills later. A transaction-scoped advisory lock serialises appends so commit order equals
/// sequence order and the processor's "everything after my checkpoint" never skips a row.
/// </summary>
internal sealed class PostgresEventBatchWriter(NpgsqlDataSource dataSource) : IEventBatchWriter
{
    // Arbitrary, fixed: identifies "the event log append lock" among advisory locks.
    private const long AppendLockKey = 0x5241_5050_4f52_54;

    public async Task WriteAsync(IReadOnlyList<PreparedAppend> appends, CancellationToken cancellationToken)
    {
        var events = appends.Count == 1 ? appends[0].Events! : appends.SelectMany(a => a.Events!).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("k", AppendLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        const int rowsPerStatement = 200;
        for (var start = 0; start < events.Count; start += rowsPerStatement)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = start; i < Math.Min(events.Count, start + rowsPerStatement); i++)
            {
                var e = events[i];
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO events (dataset_id, message_id, type, user_id, anonymous_id, name, group_id, previous_id, timestamp_ms, received_at_ms, payload)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = e.DatasetId });
                command.Parameters.Add(new NpgsqlParameter { Value = e.MessageId });
                command.Parameters.Add(new NpgsqlParameter { Value = (int)e.Type });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.AnonymousId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.GroupId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.PreviousId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = e.TimestampMs });
                command.Parameters.Add(new NpgsqlParameter { Value = e.ReceivedAtMs });
                command.Parameters.Add(new NpgsqlParameter { Value = PayloadBytes.AsArray(e.Payload) });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
