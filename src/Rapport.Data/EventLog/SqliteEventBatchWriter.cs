using Microsoft.Data.Sqlite;

namespace Rapport.Data.EventLog;

/// <summary>
/// Appends to the SQLite event log over one dedicated connection with a prepared statement.
/// WAL with <c>synchronous=FULL</c>: a commit is on disk when it returns, and one fsync covers
/// every request of a group commit. The events are staged, one small row per request (see
/// <see cref="SqliteEventLogSchema"/>): one row per event here, with its index entry, limited the
/// whole tracking API to what one thread could insert.
/// </summary>
internal sealed class SqliteEventBatchWriter : IEventBatchWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteEventSplitter _splitter;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;
    private SqliteWalCheckpointer? _checkpointer;

    private SqliteEventBatchWriter(SqliteConnection connection, SqliteEventSplitter splitter)
    {
        _connection = connection;
        _splitter = splitter;
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO staged_events (dataset_id, event_count, received_at_ms, body) VALUES ($d, $c, $r, $b)";
        _parameters =
        [
            _insert.Parameters.Add("$d", SqliteType.Text),
            _insert.Parameters.Add("$c", SqliteType.Integer),
            _insert.Parameters.Add("$r", SqliteType.Integer),
            _insert.Parameters.Add("$b", SqliteType.Blob),
        ];
    }

    public static async Task<SqliteEventBatchWriter> OpenAsync(string connectionString, SqliteEventSplitter splitter, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using (var pragma = connection.CreateCommand())
        {
            // busy_timeout: while the processor holds the write lock, SQLite waits in its own
            // fine-grained busy handler; without it Microsoft.Data.Sqlite retries every 150 ms,
            // which showed up as 150/300 ms steps in accept latency.
            // wal_autocheckpoint=0: SqliteWalCheckpointer does that work on its own connection.
            // cache_size 8 MB: appends touch only the right edge of the table and of its one index;
            // a larger cache just filled with old pages once the log outgrew it (32 MB held).
            pragma.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;
                PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-8192;
                """;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var writer = new SqliteEventBatchWriter(connection, splitter);
        writer._checkpointer = await SqliteWalCheckpointer.StartAsync(connectionString, cancellationToken);
        return writer;
    }

    public async Task WriteAsync(IReadOnlyList<PreparedAppend> appends, CancellationToken cancellationToken)
    {
        await _splitter.WriteGate.WaitAsync(cancellationToken);
        try
        {
            // SQLite work is synchronous under the hood; the async API would only add overhead here.
            using var transaction = _connection.BeginTransaction(deferred: false);
            _insert.Transaction = transaction;
            foreach (var append in appends)
            {
                // Encoded by the caller (PreparedAppend.ForStaging): encoding here would put it back on
                // the one thread every commit waits for.
                foreach (var run in append.Staged
                    ?? throw new InvalidOperationException("The SQLite event log writes staged appends only; prepare them with PreparedAppend.ForStaging."))
                {
                    _parameters[0].Value = run.DatasetId;
                    _parameters[1].Value = run.Count;
                    _parameters[2].Value = run.ReceivedAtMs;
                    _parameters[3].Value = run.Body;
                    _insert.ExecuteNonQuery();
                }
            }
            transaction.Commit();
            _splitter.Staged();
            if (_checkpointer is { RestartDue: true })
            {
                _checkpointer.Restart(_connection);
            }
        }
        finally
        {
            _splitter.WriteGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
