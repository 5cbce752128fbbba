using Microsoft.Data.Sqlite;

namespace Rapport.Data.Storage;

/// <summary>Which database Rapport uses: a SQLite file in the data directory, or PostgreSQL.</summary>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string SqliteFileName = "rapport.db";

    /// <summary>PostgreSQL when a connection string is given, otherwise SQLite in <paramref name="dataDirectory"/>.</summary>
    public static StorageOptions Resolve(string? database, string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        if (!string.IsNullOrWhiteSpace(database))
        {
            return new StorageOptions(DatabaseProvider.Postgres, database, directory);
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, SqliteFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new StorageOptions(DatabaseProvider.Sqlite, builder.ToString(), directory);
    }

    /// <summary>The SQLite event log file (SQLite only; PostgreSQL keeps the log in its database).</summary>
    public string EventLogPath => Path.Combine(DataDirectory, EventLog.SqliteEventLogSchema.FileName);

    /// <summary>Where to show users the database is, without credentials.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {Path.Combine(DataDirectory, SqliteFileName)}"
        : $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}";
}
