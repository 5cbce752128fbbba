using Npgsql;

namespace Rapport.Server.Tests.Support;

/// <summary>Which database a test host runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A throwaway PostgreSQL database on the server named by <c>RAPPORT_TEST_POSTGRES</c>, created
/// with a random name and dropped afterwards. Without the variable PostgreSQL tests fail, unless
/// <c>RAPPORT_SKIP_POSTGRES=1</c> asks for them to be reported skipped.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "RAPPORT_TEST_POSTGRES";
    public const string SkipVariable = "RAPPORT_SKIP_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerVariable))
        ? $"PostgreSQL tests need {ServerVariable} (e.g. \"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"); " +
          $"./test.sh starts a throwaway server and sets it. Set {SkipVariable}=1 to skip them explicitly."
        : null;

    /// <summary>Fails (or, with RAPPORT_SKIP_POSTGRES=1, skips) the current test when PostgreSQL is not configured.</summary>
    public static void RequireServer()
    {
        if (Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
            {
                Assert.Skip(reason);
            }
            Assert.Fail(reason);
        }
    }

    public static async Task<PostgresTestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        RequireServer();
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        var name = "rapport_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(server, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
