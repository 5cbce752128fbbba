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
    public static Task UpdateProfilesAsync(RapportDbContext db, IReadOnlyList<ProfileEntity> rows, CancellationToken cancellationToken)
        => UpdateAsync(db, rows, """
            UPDATE profiles SET "UserId" = @u, "Email" = @e, "DisplayName" = @n, "SearchText" = @s,
                "FirstSeenMs" = @f, "LastSeenMs" = @l, "Attributes" = @a, "Kpis" = @k, "ChangeSequence" = @c
            WHERE "Id" = @id
            """,
            [("u", DbType.String), ("e", DbType.String), ("n", DbType.String), ("s", DbType.String),
             ("f", DbType.Int64), ("l", DbType.Int64), ("a", DbType.String), ("k", DbType.String), ("c", DbType.Int64), ("id", DbType.Int64)],
            row => [row.UserId, row.Email, row.DisplayName, row.SearchText, row.FirstSeenMs, row.LastSeenMs, row.Attributes, row.Kpis, row.ChangeSequence, row.Id],
            cancellationToken);

    public static Task UpdateAccountsAsync(RapportDbContext db, IReadOnlyList<AccountEntity> rows, CancellationToken cancellationToken)
        => UpdateAsync(db, rows, """
            UPDATE accounts SET "Name" = @n, "SearchText" = @s, "LastSeenMs" = @l, "Attributes" = @a, "Kpis" = @k, "ChangeSequence" = @c
            WHERE "Id" = @id
            """,
            [("n", DbType.String), ("s", DbType.String), ("l", DbType.Int64), ("a", DbType.String), ("k", DbType.String), ("c", DbType.Int64), ("id", DbType.Int64)],
            row => [row.Name, row.SearchText, row.LastSeenMs, row.Attributes, row.Kpis, row.ChangeSequence, row.Id],
            cancellationToken);

    /// <summary>Prepares <paramref name="sql"/> once and runs it for each row with the row's values in parameter order.</summary>
    private static async Task UpdateAsync<T>(RapportDbContext db, IReadOnlyList<T> rows, string sql,
        (string Name, DbType Type)[] parameters, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Profile rows are written inside the processor's transaction.");
        var bound = new DbParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i] = command.CreateParameter();
            bound[i].ParameterName = parameters[i].Name;
            bound[i].DbType = parameters[i].Type;
            command.Parameters.Add(bound[i]);
        }
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            var rowValues = values(row);
            for (var i = 0; i < bound.Length; i++)
            {
                bound[i].Value = rowValues[i] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
