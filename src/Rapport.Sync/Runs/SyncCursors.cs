using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Runs;

/// <summary>
/// Reads and stages writes of a connection's <c>sync_cursors</c> rows (pull modstamps, push positions,
/// the activities position); the caller's SaveChanges commits them with whatever else it changed.
/// </summary>
internal static class SyncCursors
{
    public static async Task<string?> GetAsync(RapportDbContext db, string connectionId, string name, CancellationToken cancellationToken)
        => await db.SyncCursors.AsNoTracking()
            .Where(c => c.ConnectionId == connectionId && c.Name == name)
            .Select(c => c.Position)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stages <paramref name="position"/>; an existing position is replaced only when it differs and
    /// <paramref name="replaces"/> (given the stored position) agrees, so a cursor can be kept from moving back.
    /// </summary>
    public static async Task SetAsync(RapportDbContext db, string connectionId, string name, string position, DateTime now,
        CancellationToken cancellationToken, Func<string, bool>? replaces = null)
    {
        var cursor = await db.SyncCursors.FindAsync([connectionId, name], cancellationToken);
        if (cursor is null)
        {
            db.SyncCursors.Add(new SyncCursorEntity { ConnectionId = connectionId, Name = name, Position = position, UpdatedAt = now });
        }
        else if (cursor.Position != position && (replaces is null || replaces(cursor.Position)))
        {
            cursor.Position = position;
            cursor.UpdatedAt = now;
        }
    }
}
