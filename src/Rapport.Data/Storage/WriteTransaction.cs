using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapport.Data.Storage;

/// <summary>
/// A transaction for a processor chunk or a sync page. On SQLite, EF Core's transactions begin through
/// <see cref="SqliteMainWriteLockInterceptor"/>, which takes the write lock of <c>rapport.db</c> at
/// once and leaves the attached event log's lock to the appender; so this is an ordinary EF Core
/// transaction on both providers, kept as one place to change should that ever need to differ.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;

    private WriteTransaction(IDbContextTransaction transaction) => _transaction = transaction;

    public static async Task<WriteTransaction> BeginAsync(RapportDbContext db, CancellationToken cancellationToken)
        => new(await db.Database.BeginTransactionAsync(cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    /// <summary>Ends the transaction; one not committed is rolled back.</summary>
    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
