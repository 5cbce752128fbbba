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
/// </summary>
internal static class CrmLinkRows
{
    /// <summary>Every column but the key, in the order the statements bind them.</summary>
    private static readonly (string Column, Func<CrmLinkEntity, object?> Value)[] Columns =
    [
        (nameof(CrmLinkEntity.ConnectionId), l => l.ConnectionId),
        (nameof(CrmLinkEntity.ObjectType), l => l.ObjectType),
        (nameof(CrmLinkEntity.RecordId), l => l.RecordId),
        (nameof(CrmLinkEntity.ProfileKind), l => l.ProfileKind),
        (nameof(CrmLinkEntity.ProfileKey), l => l.ProfileKey),
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

    private static readonly string InsertSql =
        $"INSERT INTO \"crm_links\" ({string.Join(", ", Columns.Select(c => $"\"{c.Column}\""))}) "
        + $"VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))})";

    private static readonly string UpdateSql =
        $"UPDATE \"crm_links\" SET {string.Join(", ", Columns.Select((c, i) => $"\"{c.Column}\" = @p{i}"))} WHERE \"Id\" = @id";

    /// <summary>Inserts new links (their <see cref="CrmLinkEntity.Id"/> is left unset: nothing reads it back).</summary>
    public static Task InsertAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, CancellationToken cancellationToken)
        => ExecuteAsync(db, links, InsertSql, withId: false, cancellationToken);

    /// <summary>Writes every column of existing links, found by id.</summary>
    public static Task UpdateAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, CancellationToken cancellationToken)
        => ExecuteAsync(db, links, UpdateSql, withId: true, cancellationToken);

    private static async Task ExecuteAsync(RapportDbContext db, IReadOnlyCollection<CrmLinkEntity> links, string sql, bool withId,
        CancellationToken cancellationToken)
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
        var bound = new (DbParameter Parameter, RelationalTypeMapping Mapping)[Columns.Length + (withId ? 1 : 0)];
        for (var i = 0; i < bound.Length; i++)
        {
            var name = i < Columns.Length ? Columns[i].Column : nameof(CrmLinkEntity.Id);
            var mapping = Mapping(entity, name);
            var parameter = mapping.CreateParameter(command, i < Columns.Length ? "p" + i : "id", null, nullable: true);
            command.Parameters.Add(parameter);
            bound[i] = (parameter, mapping);
        }
        await command.PrepareAsync(cancellationToken);
        foreach (var link in links)
        {
            for (var i = 0; i < bound.Length; i++)
            {
                var value = i < Columns.Length ? Columns[i].Value(link) : link.Id;
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
