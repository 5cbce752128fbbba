using Microsoft.Data.Sqlite;

namespace Rapport.Data.EventLog;

/// <summary>
/// Checkpoints the event log's WAL from its own connection, off the accept path. The appending
/// connection has automatic checkpoints turned off: done inline they stall a group commit, and
/// with the log in its own file no other writer would ever run them.
/// </summary>
/// <remarks>
/// A PASSIVE checkpoint never blocks the writer, but on its own it never bounds the WAL either:
/// SQLite starts the WAL over only when a write begins after <em>every</em> frame was copied back,
/// and under steady appends new frames always arrive while a checkpoint runs. Measured: 11 GB of
/// WAL after a million appends, with every read searching an ever larger WAL index. So once the
/// WAL passes <see cref="RestartFrames"/>, <see cref="RestartDue"/> asks the appender to run a RESTART
/// checkpoint between two of its commits. Run from here it would wait for the write lock, which
/// the appender takes again the moment it lets go of it: measured, it won only after 2 GB of WAL.
/// From the appender it has only the frames since the last PASSIVE checkpoint to copy, and the
/// next append starts the WAL from its beginning.
/// </remarks>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>WAL frames (pages, 4 KB by default) beyond which the WAL is started over: about 64 MB.</summary>
    private const long RestartFrames = 16_384;

    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private volatile bool _restartDue;

    private SqliteWalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    public static async Task<SqliteWalCheckpointer> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // A PASSIVE checkpoint that finds the database busy just tries again at the next tick.
        pragma.CommandText = "PRAGMA busy_timeout=100;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return new SqliteWalCheckpointer(connection);
    }

    /// <summary>The WAL has grown past its bound: the appender should start it over (see remarks).</summary>
    public bool RestartDue => _restartDue;

    /// <summary>
    /// Called by the appender between commits when <see cref="RestartDue"/>: copies the remaining
    /// frames and makes the next commit write the WAL from its start. It waits at most a few
    /// milliseconds for readers; if one holds on, the next commit tries again.
    /// </summary>
    public void Restart(SqliteConnection appender)
    {
        // Asked again at the next tick if the WAL is still long.
        _restartDue = false;
        using var command = appender.CreateCommand();
        // journal_size_limit: the WAL file is cut back to 64 MB when it starts over, so one burst
        // does not keep its disk space forever.
        command.CommandText = "PRAGMA busy_timeout=20; PRAGMA journal_size_limit=67108864; PRAGMA wal_checkpoint(RESTART);";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The commit before it stands; a checkpoint that could not run is retried later. It
            // must never surface as a failed append.
        }
        finally
        {
            command.CommandText = "PRAGMA busy_timeout=30000;";
            command.ExecuteNonQuery();
        }
    }

    private async Task RunAsync()
    {
        using var passive = _connection.CreateCommand();
        passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    _restartDue = WalFrames(passive) > RestartFrames;
                }
                catch (SqliteException)
                {
                    // A busy or locked database just means: try again at the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Runs the checkpoint; returns the WAL's size in frames (its second result column).</summary>
    private static long WalFrames(SqliteCommand checkpoint)
    {
        using var reader = checkpoint.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(1) ? reader.GetInt64(1) : 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        await _connection.DisposeAsync();
    }
}
