using Microsoft.Data.Sqlite;

namespace Rapport.Data.EventLog;

/// <summary>
/// On SQLite the event log lives in its own file (<c>events.db</c>) beside <c>rapport.db</c>.
/// SQLite has one write lock per file: with the log in the profiles' file, every processor
/// commit stalled the group commit behind it. Two files let appends and processing commit in
/// parallel. Other connections see the log through <c>ATTACH … AS log</c>, so queries on
/// <c>events</c> work unchanged.
/// </summary>
/// <remarks>
/// Appends land in <c>staged_events</c> first: one row per request (per dataset in it, at most
/// <see cref="StagedRun.MaxEvents"/> events), holding its events in compressed
/// <see cref="LoggedEventCodec"/> form, so an fsync'd commit writes a few small rows rather than
/// one row and index entry per event. <see cref="SqliteEventSplitter"/> moves them
/// into <c>events</c>, where every reader finds them, in order and in one transaction with
/// deleting the staged row.
/// </remarks>
public static class SqliteEventLogSchema
{
    public const string FileName = "events.db";
    public const string AttachedName = "log";

    /// <summary>Creates the log file and its table and indexes when missing; switches it to WAL.</summary>
    public static async Task EnsureCreatedAsync(string eventLogPath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(eventLogPath));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The same columns and index names as the EF model (EventConfiguration), which PostgreSQL
        // gets from its migrations. AUTOINCREMENT: a sequence number is never reused. Logs created
        // before the log became append-only lose their random-key indexes here (see EventConfiguration).
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS events (
                sequence INTEGER NOT NULL CONSTRAINT PK_events PRIMARY KEY AUTOINCREMENT,
                dataset_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                type INTEGER NOT NULL,
                user_id TEXT NULL,
                anonymous_id TEXT NULL,
                name TEXT NULL,
                group_id TEXT NULL,
                previous_id TEXT NULL,
                timestamp_ms INTEGER NOT NULL,
                received_at_ms INTEGER NOT NULL,
                payload BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_events_dataset_sequence ON events (dataset_id, sequence);
            DROP INDEX IF EXISTS ix_events_message;
            DROP INDEX IF EXISTS ix_events_user;
            DROP INDEX IF EXISTS ix_events_anonymous;
            CREATE TABLE IF NOT EXISTS staged_events (
                id INTEGER PRIMARY KEY,
                dataset_id TEXT NOT NULL,
                event_count INTEGER NOT NULL,
                received_at_ms INTEGER NOT NULL,
                body BLOB NOT NULL);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string ConnectionString(string eventLogPath) => new SqliteConnectionStringBuilder
    {
        DataSource = eventLogPath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
