using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.Data.Storage;

/// <summary>
/// Starts EF Core's SQLite transactions so that they take the write lock of <c>rapport.db</c>
/// only, never that of the attached event log.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite begins transactions with <c>BEGIN IMMEDIATE</c>, and SQLite starts an
/// immediate transaction as a write on <em>every</em> attached database. With the log attached to
/// every EF connection (<see cref="SqliteEventLogAttacher"/>), each processor chunk and each
/// SaveChanges held the event log's write lock until it committed: appends queued behind them
/// (p99 accept latency over a second at 10,000 events/s), and under a steady stream of appends the
/// processor's BEGIN rarely got the lock at all (23 events/s processed). This begins a deferred
/// transaction and writes <c>user_version</c> of the main database, unchanged, as its first
/// statement: that takes main's write lock at once, with the busy timeout, exactly as
/// <c>BEGIN IMMEDIATE</c> did, and leaves the log's lock to the appender. Because the first
/// statement is a write, the transaction never has to upgrade a read snapshot, the case where a
/// deferred transaction fails with SQLITE_BUSY instead of waiting.
/// </remarks>
internal sealed class SqliteMainWriteLockInterceptor : DbTransactionInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
        => InterceptionResult<DbTransaction>.SuppressWithResult(Begin((SqliteConnection)connection, eventData));

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(InterceptionResult<DbTransaction>.SuppressWithResult(Begin((SqliteConnection)connection, eventData)));

    private static SqliteTransaction Begin(SqliteConnection connection, TransactionStartingEventData eventData)
    {
        long version;
        using (var read = connection.CreateCommand())
        {
            // Read outside the transaction: a read inside it would open the snapshot that must not be upgraded.
            read.CommandText = "PRAGMA main.user_version;";
            version = Convert.ToInt64(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var transaction = connection.BeginTransaction(eventData.IsolationLevel, deferred: true);
        try
        {
            using var lockMain = connection.CreateCommand();
            lockMain.Transaction = transaction;
            lockMain.CommandText = $"PRAGMA main.user_version = {version.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
            lockMain.ExecuteNonQuery();
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }
}
