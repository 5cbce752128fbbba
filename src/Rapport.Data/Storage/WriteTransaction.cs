using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapport.Data.Storage;

/// <summary>
/// A transaction for work whose first statement writes (reads it depends on happen before it).
/// On SQLite it is <c>DEFERRED</c>: every EF Core connection has the event log file attached, and
/// SQLite's default <c>BEGIN IMMEDIATE</c> takes the write lock of every attached file, so a
/// processor chunk or a sync page held the event log's lock for its whole transaction and the
/// tracking API and the sync's own appends waited behind it. Deferred, the lock is taken on the
/// first write, of the file written. (A deferred transaction that read first could fail to upgrade
/// without waiting; hence the rule above.) On PostgreSQL it is an ordinary transaction.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly DbTransaction? _owned;

    private WriteTransaction(IDbContextTransaction transaction, DbTransaction? owned)
    {
        _transaction = transaction;
        _owned = owned;
    }

    public static async Task<WriteTransaction> BeginAsync(RapportDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), null);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var deferred = sqlite.BeginTransaction(deferred: true);
        try
        {
            var used = await db.Database.UseTransactionAsync(deferred, cancellationToken)
                ?? throw new InvalidOperationException("EF Core did not take the SQLite transaction.");
            return new WriteTransaction(used, deferred);
        }
        catch
        {
            await deferred.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    /// <summary>Ends the transaction; one not committed is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_owned is not null)
        {
            // EF Core does not own a transaction it was handed: disposing this one rolls it back if it is still open.
            await _owned.DisposeAsync();
        }
    }
}
