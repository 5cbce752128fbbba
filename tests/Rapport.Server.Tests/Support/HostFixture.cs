namespace Rapport.Server.Tests.Support;

/// <summary>
/// One Rapport host shared by the tests of a class; each test creates its own datasets, so tests
/// never see each other's data. PostgreSQL hosts are started lazily so a missing server fails (or
/// skips) each test with a clear message instead of breaking the fixture.
/// </summary>
public abstract class HostFixture(DatabaseKind kind) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private RapportTestHost? _host;

    public DatabaseKind Kind { get; } = kind;

    public async Task<RapportTestHost> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Kind == DatabaseKind.Postgres)
        {
            PostgresTestDatabase.RequireServer();
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return _host ??= await RapportTestHost.StartAsync(Kind, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        _lock.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteHostFixture() : HostFixture(DatabaseKind.Sqlite);

public sealed class PostgresHostFixture() : HostFixture(DatabaseKind.Postgres);
