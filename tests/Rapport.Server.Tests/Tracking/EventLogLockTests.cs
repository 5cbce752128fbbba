using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Tracking;

/// <summary>
/// On SQLite the event log is a file of its own so that appends never wait for profile writes.
/// Guards against EF Core transactions taking the log's write lock as well (BEGIN IMMEDIATE locks
/// every attached database), which made each processor chunk stall the tracking API.
/// </summary>
public sealed class EventLogLockTests
{
    [Fact]
    public async Task Track_WhileAProfileTransactionIsOpen_IsAcceptedWithoutWaitingForIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, cancellationToken);
        var dataset = await host.CreateDatasetAsync();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The writer's busy timeout is 30 s: had the open transaction locked the log, this would hang.
        var send = host.TrackAsync("/v1/track", """{"userId":"u-lock","event":"Clicked"}""", dataset.WriteKey);
        var finished = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));

        Assert.Same(send, finished);
        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProfileTransaction_WhileAnotherIsOpen_WaitsForIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, cancellationToken);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using var first = await contexts.CreateDbContextAsync(cancellationToken);
        await using var second = await contexts.CreateDbContextAsync(cancellationToken);
        var firstTransaction = await first.Database.BeginTransactionAsync(cancellationToken);

        // Transactions on rapport.db still take its write lock when they begin, as BEGIN IMMEDIATE
        // did: the second one starts only once the first is over.
        // SQLite waits for a lock synchronously, so the second begin runs on its own thread.
        var secondBegins = Task.Run(() => second.Database.BeginTransactionAsync(cancellationToken), cancellationToken);
        var early = await Task.WhenAny(secondBegins, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
        Assert.NotSame(secondBegins, early);
        await firstTransaction.RollbackAsync(cancellationToken);
        await firstTransaction.DisposeAsync();
        await using var secondTransaction = await secondBegins.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Assert.NotNull(secondTransaction);
    }
}
