using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Data.Entities;

namespace Rapport.Data.Processing;

/// <summary>
/// Writes changed rows of existing profiles and accounts with prepared UPDATEs, inside the
/// processor's transaction. A chunk touches thousands of profiles; EF Core's change tracking and
/// per-entity command building cost several times the database work itself. An indexed column
/// (user id, email, display name; account name) is only named when its value changed: the
/// database rewrites the index entry of every indexed column an UPDATE names, and most updates
/// (an attribute, a KPI) change none of them. The SQL is plain and quoted the same way on SQLite
/// and PostgreSQL.
/// </summary>
internal static class ProfileRowWriter
{
    private static readonly RowColumn<ProfileEntity>[] ProfileIndexed =
    [
        new("UserId", DbType.String, p => p.UserId),
        new("Email", DbType.String, p => p.Email),
        new("DisplayName", DbType.String, p => p.DisplayName),
    ];

    private static readonly RowColumn<ProfileEntity>[] ProfileAlways =
    [
        new("SearchText", DbType.String, p => p.SearchText),
        new("FirstSeenMs", DbType.Int64, p => p.FirstSeenMs),
        new("LastSeenMs", DbType.Int64, p => p.LastSeenMs),
        new("Attributes", DbType.String, p => p.Attributes),
        new("Kpis", DbType.String, p => p.Kpis),
        new("ChangeSequence", DbType.Int64, p => p.ChangeSequence),
    ];

    private static readonly RowColumn<AccountEntity>[] AccountIndexed =
    [
        new("Name", DbType.String, a => a.Name),
    ];

    private static readonly RowColumn<AccountEntity>[] AccountAlways =
    [
        new("SearchText", DbType.String, a => a.SearchText),
        new("LastSeenMs", DbType.Int64, a => a.LastSeenMs),
        new("Attributes", DbType.String, a => a.Attributes),
        new("Kpis", DbType.String, a => a.Kpis),
        new("ChangeSequence", DbType.Int64, a => a.ChangeSequence),
    ];

    /// <summary>Writes <c>Row</c> over the profile it was <c>Loaded</c> as.</summary>
    public static Task UpdateProfilesAsync(RapportDbContext db, IReadOnlyList<(ProfileEntity Row, ProfileEntity Loaded)> rows, CancellationToken cancellationToken)
        => UpdateAsync(db, "profiles", rows, ProfileIndexed, ProfileAlways, p => p.Id, cancellationToken);

    /// <summary>Writes <c>Row</c> over the account it was <c>Loaded</c> as.</summary>
    public static Task UpdateAccountsAsync(RapportDbContext db, IReadOnlyList<(AccountEntity Row, AccountEntity Loaded)> rows, CancellationToken cancellationToken)
        => UpdateAsync(db, "accounts", rows, AccountIndexed, AccountAlways, a => a.Id, cancellationToken);

    /// <summary>Groups the rows by which indexed columns changed; one prepared UPDATE per group.</summary>
    private static async Task UpdateAsync<T>(RapportDbContext db, string table, IReadOnlyList<(T Row, T Loaded)> rows,
        RowColumn<T>[] indexed, RowColumn<T>[] always, Func<T, long> id, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var groups = new Dictionary<int, List<T>>();
        foreach (var (row, loaded) in rows)
        {
            var changed = 0;
            for (var i = 0; i < indexed.Length; i++)
            {
                if (!Equals(indexed[i].Value(row), indexed[i].Value(loaded)))
                {
                    changed |= 1 << i;
                }
            }
            if (!groups.TryGetValue(changed, out var group))
            {
                groups[changed] = group = [];
            }
            group.Add(row);
        }
        foreach (var (changed, group) in groups)
        {
            var columns = indexed.Where((_, i) => (changed & (1 << i)) != 0).Concat(always).ToArray();
            await UpdateAsync(db, table, group, columns, id, cancellationToken);
        }
    }

    /// <summary>Prepares the UPDATE of <paramref name="columns"/> once and runs it for each row.</summary>
    private static async Task UpdateAsync<T>(RapportDbContext db, string table, List<T> rows, RowColumn<T>[] columns, Func<T, long> id,
        CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"UPDATE {table} SET {string.Join(", ", columns.Select((c, i) => $"\"{c.Name}\" = @p{i}"))} WHERE \"Id\" = @id";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Profile rows are written inside the processor's transaction.");
        var bound = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            bound[i] = command.CreateParameter();
            bound[i].ParameterName = "p" + i;
            bound[i].DbType = columns[i].Type;
            command.Parameters.Add(bound[i]);
        }
        var key = command.CreateParameter();
        key.ParameterName = "id";
        key.DbType = DbType.Int64;
        command.Parameters.Add(key);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < bound.Length; i++)
            {
                bound[i].Value = columns[i].Value(row) ?? DBNull.Value;
            }
            key.Value = id(row);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
