using Microsoft.Data.Sqlite;

namespace Rapport.Data.EventLog;

/// <summary>
/// Checkpoints the event log's WAL from its own connection, off the accept path. The appending
/// connection has automatic checkpoints turned off: done inline they stall a group commit, and
/// with the log in its own file no other writer would ever run them, so the WAL (and every
/// lookup through it) would grow without bound. PASSIVE checkpoints never block the writer.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private SqliteWalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    public static async Task<SqliteWalCheckpointer> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new SqliteWalCheckpointer(connection);
    }

    private async Task RunAsync()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    command.ExecuteNonQuery();
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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        await _connection.DisposeAsync();
    }
}
