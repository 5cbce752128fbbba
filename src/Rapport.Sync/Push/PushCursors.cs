using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Push;

/// <summary>Reads and stages writes of the connection's <c>sync_cursors</c> rows; the caller's SaveChanges commits them with whatever else it changed.</summary>
internal static class PushCursors
{
    public static async Task<string?> GetAsync(RapportDbContext db, string connectionId, string name, CancellationToken cancellationToken)
        => await db.SyncCursors.AsNoTracking()
            .Where(c => c.ConnectionId == connectionId && c.Name == name)
            .Select(c => c.Position)
            .FirstOrDefaultAsync(cancellationToken);

    public static async Task SetAsync(RapportDbContext db, string connectionId, string name, string position, DateTime now, CancellationToken cancellationToken)
    {
        var cursor = await db.SyncCursors.FindAsync([connectionId, name], cancellationToken);
        if (cursor is null)
        {
            db.SyncCursors.Add(new SyncCursorEntity { ConnectionId = connectionId, Name = name, Position = position, UpdatedAt = now });
        }
        else if (cursor.Position != position)
        {
            cursor.Position = position;
            cursor.UpdatedAt = now;
        }
    }
}
