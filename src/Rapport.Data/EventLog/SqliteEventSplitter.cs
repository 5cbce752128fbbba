using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Rapport.Data.EventLog;

/// <summary>
/// Moves staged appends (<c>staged_events</c>, see <see cref="SqliteEventLogSchema"/>) into
/// <c>events</c>, one event per row with its sequence number. The processor calls it before each
/// chunk, so this work runs on the processor's time rather than the tracking API's.
/// </summary>
/// <remarks>
/// Each move inserts the events and deletes their staged rows in one transaction, so after a crash
/// an event is either still staged or in the log, never both or neither. Its commit does not wait
/// for the disk: the staged rows it replaces were synced when the append committed, and a move
/// lost to a power cut leaves them staged. The appender and the splitter take turns at the file's
/// write lock through <see cref="WriteGate"/>: SQLite's own busy handler sleeps in growing steps
/// and would let one of them wait behind the other's next transaction as well.
/// </remarks>
internal sealed class SqliteEventSplitter(string connectionString, EventLogSignal signal, TimeProvider time, ILogger<SqliteEventSplitter> logger)
    : IEventStaging, IAsyncDisposable
{
    /// <summary>
    /// How often the table is looked at even with nothing staged by this process: another process
    /// on the same data directory (<c>rapport sync</c>, <c>rapport reprocess</c>) may have staged
    /// events and stopped before moving them.
    /// </summary>
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    /// <summary>Events moved per transaction: the appender waits at most this long for its turn.</summary>
    private const int EventsPerTransaction = 2_000;

    /// <summary>Staged rows read per query: one per append, of at most <see cref="StagedRun.MaxEvents"/> events.</summary>
    private const int RowsPerRead = 64;

    private SqliteConnection? _connection;
    private SqliteCommand? _select;
    private SqliteCommand? _delete;
    private SqliteCommand? _insert;
    private SqliteParameter[] _parameters = [];

    // True from start-up (a crash may have left rows staged) and after every append; false once
    // a move found nothing left. Read and written under the gate.
    private bool _maybeStaged = true;
    private long _lookedAt;
    private bool _disposed;

    /// <summary>Held by whoever writes the log file: the appender for a group commit, this class for a move.</summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    /// <summary>Called by the appender, under <see cref="WriteGate"/>, after a commit that staged events.</summary>
    public void Staged() => _maybeStaged = true;

    public async Task<int> SplitAsync(int maxEvents, CancellationToken cancellationToken)
    {
        var moved = 0;
        while (moved < maxEvents)
        {
            await WriteGate.WaitAsync(cancellationToken);
            int count;
            try
            {
                if (_disposed || (!_maybeStaged && time.GetElapsedTime(_lookedAt) < LookEvery))
                {
                    break;
                }
                _lookedAt = time.GetTimestamp();
                count = MoveOnce(Math.Min(EventsPerTransaction, maxEvents - moved));
            }
            finally
            {
                WriteGate.Release();
            }
            if (count == 0)
            {
                break;
            }
            moved += count;
            // The console's live stream reads the log; the processor is the caller.
            signal.NotifyListeners();
        }
        return moved;
    }

    /// <summary>One transaction: reads staged rows oldest first until about <paramref name="budget"/> events, moves them.</summary>
    private int MoveOnce(int budget)
    {
        var connection = _connection ??= Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        _select!.Transaction = transaction;
        _delete!.Transaction = transaction;
        _insert!.Transaction = transaction;
        var moved = 0;
        var rows = 0;
        long lastId = 0;
        using (var reader = _select.ExecuteReader())
        {
            while (moved < budget && reader.Read())
            {
                lastId = reader.GetInt64(0);
                var datasetId = reader.GetString(1);
                var count = reader.GetInt32(2);
                var events = LoggedEventCodec.Decode((byte[])reader.GetValue(3), datasetId, count);
                foreach (var e in events)
                {
                    _parameters[0].Value = e.DatasetId;
                    _parameters[1].Value = e.MessageId;
                    _parameters[2].Value = (int)e.Type;
                    _parameters[3].Value = (object?)e.UserId ?? DBNull.Value;
                    _parameters[4].Value = (object?)e.AnonymousId ?? DBNull.Value;
                    _parameters[5].Value = (object?)e.Name ?? DBNull.Value;
                    _parameters[6].Value = (object?)e.GroupId ?? DBNull.Value;
                    _parameters[7].Value = (object?)e.PreviousId ?? DBNull.Value;
                    _parameters[8].Value = e.TimestampMs;
                    _parameters[9].Value = e.ReceivedAtMs;
                    _parameters[10].Value = PayloadBytes.AsArray(e.Payload);
                    _insert.ExecuteNonQuery();
                }
                moved += count;
                rows++;
            }
        }
        if (rows == 0)
        {
            _maybeStaged = false;
            transaction.Rollback();
            return 0;
        }
        _delete.Parameters[0].Value = lastId;
        _delete.ExecuteNonQuery();
        transaction.Commit();
        if (rows < RowsPerRead && moved < budget)
        {
            // The read came back short without the budget stopping it: nothing is left staged.
            _maybeStaged = false;
        }
        return moved;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // synchronous=NORMAL: see the remarks. wal_autocheckpoint=0: SqliteWalCheckpointer
            // and the appender keep the WAL bounded.
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-8192;";
            pragma.ExecuteNonQuery();
        }
        _select = connection.CreateCommand();
        _select.CommandText = $"SELECT id, dataset_id, event_count, body FROM staged_events ORDER BY id LIMIT {RowsPerRead}";
        _delete = connection.CreateCommand();
        _delete.CommandText = "DELETE FROM staged_events WHERE id <= $last";
        _delete.Parameters.Add("$last", SqliteType.Integer);
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO events (dataset_id, message_id, type, user_id, anonymous_id, name, group_id, previous_id, timestamp_ms, received_at_ms, payload)
            VALUES ($d, $m, $t, $u, $a, $n, $g, $p, $ts, $r, $b)
            """;
        _parameters =
        [
            _insert.Parameters.Add("$d", SqliteType.Text),
            _insert.Parameters.Add("$m", SqliteType.Text),
            _insert.Parameters.Add("$t", SqliteType.Integer),
            _insert.Parameters.Add("$u", SqliteType.Text),
            _insert.Parameters.Add("$a", SqliteType.Text),
            _insert.Parameters.Add("$n", SqliteType.Text),
            _insert.Parameters.Add("$g", SqliteType.Text),
            _insert.Parameters.Add("$p", SqliteType.Text),
            _insert.Parameters.Add("$ts", SqliteType.Integer),
            _insert.Parameters.Add("$r", SqliteType.Integer),
            _insert.Parameters.Add("$b", SqliteType.Blob),
        ];
        logger.LogDebug("Event log splitter opened {ConnectionString}", connectionString);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await WriteGate.WaitAsync();
        try
        {
            // The processor may still be finishing a pass while the host shuts down.
            _disposed = true;
            if (_connection is not null)
            {
                _select?.Dispose();
                _delete?.Dispose();
                _insert?.Dispose();
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            WriteGate.Release();
        }
    }
}
