using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Storage;

/// <summary>
/// Writes <c>crm_links</c> rows with one prepared INSERT or UPDATE per kind, inside the caller's
/// transaction. Pull and push write a link for every record of a page; EF Core's change tracking
/// and per-entity command building cost several times the database work at that volume, and a
/// context that tracks every link of a run keeps them all in memory. Parameters are created from
/// the model's own type mappings, so values are stored exactly as EF Core stores them on each
/// provider (SQLite text timestamps, PostgreSQL <c>timestamptz</c>, the enum as its number).
/// An update leaves the indexed columns alone unless the link moved to another profile: the
/// database rewrites an index entry for every indexed column an UPDATE names, changed or not.
/// </summary>
internal static class CrmLinkRows
{
    /// <summary>What identifies a link: written once, when it is inserted.</summary>
    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] Identity =
    [
        (nameof(CrmLinkEntity.ConnectionId), l => l.ConnectionId),
        (nameof(CrmLinkEntity.ObjectType), l => l.ObjectType),
        (nameof(CrmLinkEntity.RecordId), l => l.RecordId),
        (nameof(CrmLinkEntity.ProfileKind), l => l.ProfileKind),
    ];

    /// <summary>The profile the link points to (indexed).</summary>
    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] Key =
    [
        (nameof(CrmLinkEntity.ProfileKey), l => l.ProfileKey),
    ];

    /// <summary>What sync changes on every pass (no index covers these).</summary>
    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] State =
    [
        (nameof(CrmLinkEntity.RecordCreatedAt), l => l.RecordCreatedAt),
        (nameof(CrmLinkEntity.RecordModstamp), l => l.RecordModstamp),
        (nameof(CrmLinkEntity.Deleted), l => l.Deleted),
        (nameof(CrmLinkEntity.ConvertedToId), l => l.ConvertedToId),
        (nameof(CrmLinkEntity.LinkedAt), l => l.LinkedAt),
        (nameof(CrmLinkEntity.LastSyncedAt), l => l.LastSyncedAt),
        (nameof(CrmLinkEntity.PulledValues), l => l.PulledValues),
        (nameof(CrmLinkEntity.PushedValues), l => l.PushedValues),
        (nameof(CrmLinkEntity.RejectedPushHash), l => l.RejectedPushHash),
    ];

    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] InsertColumns = [.. Identity, .. Key, .. State];

    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] UpdateColumns = [.. State, (nameof(CrmLinkEntity.Id), l => l.Id)];

    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] RekeyColumns = [.. Key, .. UpdateColumns];

    private static readonly string InsertSql =
        $"INSERT INTO \"crm_links\" ({string.Join(", ", InsertColumns.Select(c => $"\"{c.Column}\""))}) "
        + $"VALUES ({string.Join(", ", InsertColumns.Select((_, i) => "@p" + i))})";

    private static readonly string UpdateSql = Update(UpdateColumns);

    private static readonly string RekeySql = Update(RekeyColumns);

    /// <summary>Inserts new links (their <see cref="CrmLinkEntity.Id"/> is left unset: nothing reads it back).</summary>
    public static Task InsertAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, CancellationToken cancellationToken)
        => ExecuteAsync(db, links, InsertSql, InsertColumns, cancellationToken);

    /// <summary>
    /// Writes what sync changes on existing links, found by id; the links in <paramref name="rekeyed"/>
    /// (a subset) also get their <see cref="CrmLinkEntity.ProfileKey"/> written.
    /// </summary>
    public static async Task UpdateAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, IReadOnlySet<CrmLinkEntity>? rekeyed,
        CancellationToken cancellationToken)
    {
        if (rekeyed is null || rekeyed.Count == 0)
        {
            await ExecuteAsync(db, links, UpdateSql, UpdateColumns, cancellationToken);
            return;
        }
        await ExecuteAsync(db, links.Where(l => !rekeyed.Contains(l)).ToList(), UpdateSql, UpdateColumns, cancellationToken);
        await ExecuteAsync(db, links.Where(rekeyed.Contains).ToList(), RekeySql, RekeyColumns, cancellationToken);
    }

    private static string Update((string Column, Func<CrmLinkEntity, object?> Value)[] columns)
        => $"UPDATE \"crm_links\" SET {string.Join(", ", columns[..^1].Select((c, i) => $"\"{c.Column}\" = @p{i}"))} WHERE \"Id\" = @p{columns.Length - 1}";

    private static async Task ExecuteAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, string sql,
        (string Column, Func<CrmLinkEntity, object?> Value)[] columns, CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(CrmLinkEntity))
            ?? throw new InvalidOperationException("The model has no CRM link entity.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("CRM links are written inside the caller's transaction.");
        var bound = new (DbParameter Parameter, RelationalTypeMapping Mapping)[columns.Length];
        for (var i = 0; i < bound.Length; i++)
        {
            var mapping = Mapping(entity, columns[i].Column);
            var parameter = mapping.CreateParameter(command, "p" + i, null, nullable: true);
            command.Parameters.Add(parameter);
            bound[i] = (parameter, mapping);
        }
        await command.PrepareAsync(cancellationToken);
        foreach (var link in links)
        {
            for (var i = 0; i < bound.Length; i++)
            {
                var value = columns[i].Value(link);
                var (parameter, mapping) = bound[i];
                parameter.Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static RelationalTypeMapping Mapping(IEntityType entity, string property)
        => entity.FindProperty(property)?.GetRelationalTypeMapping()
            ?? throw new InvalidOperationException($"The CRM link entity has no mapped property {property}.");
}
