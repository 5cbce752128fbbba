using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rapport.Data.EventLog;

namespace Rapport.Data.Storage;

/// <summary>
/// Attaches the SQLite event log file to every EF Core connection (see
/// <see cref="SqliteEventLogSchema"/>) and sets a busy timeout, so SQLite waits for a lock in
/// its own fine-grained handler rather than Microsoft.Data.Sqlite's 150 ms retry steps.
/// </summary>
internal sealed class SqliteEventLogAttacher(string eventLogPath) : DbConnectionInterceptor
{
    private readonly string _attach = $"ATTACH DATABASE '{eventLogPath.Replace("'", "''", StringComparison.Ordinal)}' AS {SqliteEventLogSchema.AttachedName};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Attach(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Attach(connection);
        return Task.CompletedTask;
    }

    private void Attach(DbConnection connection)
    {
        using var check = connection.CreateCommand();
        // Pooled connections come back with the log still attached.
        check.CommandText = $"SELECT count(*) FROM pragma_database_list WHERE name = '{SqliteEventLogSchema.AttachedName}'";
        var attached = Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        using var command = connection.CreateCommand();
        command.CommandText = (attached ? "" : _attach) + "PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}
