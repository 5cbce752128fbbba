using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Data.Entities;

namespace Rapport.Data.Processing;

/// <summary>
/// Writes changed rows of existing profiles and accounts with one prepared UPDATE each, inside
/// the processor's transaction. A chunk touches thousands of profiles; EF Core's change
/// tracking and per-entity command building cost several times the database work itself.
/// The SQL is plain and quoted the same way on SQLite and PostgreSQL.
/// </summary>
internal static class ProfileRowWriter
{
    public static async Task UpdateProfilesAsync(RapportDbContext db, IReadOnlyList<ProfileEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = CreateCommand(db, """
            UPDATE profiles SET "UserId" = @u, "Email" = @e, "DisplayName" = @n, "SearchText" = @s,
                "FirstSeenMs" = @f, "LastSeenMs" = @l, "Attributes" = @a, "Kpis" = @k
            WHERE "Id" = @id
            """);
        var u = Add(command, "u", DbType.String);
        var e = Add(command, "e", DbType.String);
        var n = Add(command, "n", DbType.String);
        var s = Add(command, "s", DbType.String);
        var f = Add(command, "f", DbType.Int64);
        var l = Add(command, "l", DbType.Int64);
        var a = Add(command, "a", DbType.String);
        var k = Add(command, "k", DbType.String);
        var id = Add(command, "id", DbType.Int64);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            u.Value = (object?)row.UserId ?? DBNull.Value;
            e.Value = (object?)row.Email ?? DBNull.Value;
            n.Value = (object?)row.DisplayName ?? DBNull.Value;
            s.Value = row.SearchText;
            f.Value = row.FirstSeenMs;
            l.Value = row.LastSeenMs;
            a.Value = row.Attributes;
            k.Value = row.Kpis;
            id.Value = row.Id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task UpdateAccountsAsync(RapportDbContext db, IReadOnlyList<AccountEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = CreateCommand(db, """
            UPDATE accounts SET "Name" = @n, "SearchText" = @s, "LastSeenMs" = @l, "Attributes" = @a, "Kpis" = @k
            WHERE "Id" = @id
            """);
        var n = Add(command, "n", DbType.String);
        var s = Add(command, "s", DbType.String);
        var l = Add(command, "l", DbType.Int64);
        var a = Add(command, "a", DbType.String);
        var k = Add(command, "k", DbType.String);
        var id = Add(command, "id", DbType.Int64);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            n.Value = (object?)row.Name ?? DBNull.Value;
            s.Value = row.SearchText;
            l.Value = row.LastSeenMs;
            a.Value = row.Attributes;
            k.Value = row.Kpis;
            id.Value = row.Id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand CreateCommand(RapportDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Profile rows are written inside the processor's transaction.");
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
