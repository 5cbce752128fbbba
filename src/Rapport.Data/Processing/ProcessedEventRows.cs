using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Events;

namespace Rapport.Data.Processing;

/// <summary>
/// What the processor records about each event it consumes, beside the profiles: the messageIds
/// it applied (deduplication), the rows it skipped as repeats, and each profile's events. A
/// chunk's rows go in one statement per table (a JSON array on SQLite, arrays on PostgreSQL):
/// EF Core's per-entity inserts cost more than the database work at thousands per chunk.
/// Keys are sorted first, so each statement walks its index in order.
/// </summary>
internal static class ProcessedEventRows
{
    private const int LookupChunk = 5_000;

    /// <summary>
    /// The sequences of <paramref name="rows"/> (in log order) that repeat a messageId applied
    /// before or earlier in the same rows; <paramref name="firstSeen"/> receives the new ones.
    /// </summary>
    public static async Task<HashSet<long>> FindRepeatsAsync(RapportDbContext db, string datasetId, IReadOnlyList<LoggedEvent> rows,
        List<string> firstSeen, CancellationToken cancellationToken)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            distinct.Add(row.MessageId);
        }
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in distinct.Chunk(LookupChunk))
        {
            known.UnionWith(await db.MessageIds.AsNoTracking()
                .Where(m => m.DatasetId == datasetId && EF.Parameter(part).Contains(m.MessageId))
                .Select(m => m.MessageId)
                .ToListAsync(cancellationToken));
        }
        var repeats = new HashSet<long>();
        foreach (var row in rows)
        {
            // The first occurrence in log order is the one applied; known ids are added as seen.
            if (!known.Add(row.MessageId))
            {
                repeats.Add(row.Sequence);
            }
            else
            {
                firstSeen.Add(row.MessageId);
            }
        }
        return repeats;
    }

    public static Task InsertMessageIdsAsync(RapportDbContext db, string datasetId, List<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        messageIds.Sort(StringComparer.Ordinal);
        return db.Database.IsSqlite()
            ? db.Database.ExecuteSqlAsync($"""INSERT INTO "message_ids" ("DatasetId", "MessageId") SELECT {datasetId}, value FROM json_each({JsonSerializer.Serialize(messageIds)})""", cancellationToken)
            : db.Database.ExecuteSqlAsync($"""INSERT INTO "message_ids" ("DatasetId", "MessageId") SELECT {datasetId}, unnest({messageIds.ToArray()})""", cancellationToken);
    }

    public static Task InsertDuplicatesAsync(RapportDbContext db, string datasetId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return Task.CompletedTask;
        }
        var sorted = sequences.Order().ToArray();
        return db.Database.IsSqlite()
            ? db.Database.ExecuteSqlAsync($"""INSERT INTO "duplicate_events" ("Sequence", "DatasetId") SELECT value, {datasetId} FROM json_each({JsonSerializer.Serialize(sorted)})""", cancellationToken)
            : db.Database.ExecuteSqlAsync($"""INSERT INTO "duplicate_events" ("Sequence", "DatasetId") SELECT unnest({sorted}), {datasetId}""", cancellationToken);
    }

    /// <summary>Records which profile each event went to; pairs are (profile id, sequence).</summary>
    public static Task InsertProfileEventsAsync(RapportDbContext db, List<(long ProfileId, long Sequence)> pairs, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return Task.CompletedTask;
        }
        pairs.Sort();
        if (db.Database.IsSqlite())
        {
            // [[profileId, sequence], …]: one array of pairs, read in order by json_each.
            var json = new System.Text.StringBuilder(pairs.Count * 16).Append('[');
            foreach (var (profileId, sequence) in pairs)
            {
                json.Append(json.Length > 1 ? "," : "").Append(System.Globalization.CultureInfo.InvariantCulture, $"[{profileId},{sequence}]");
            }
            return db.Database.ExecuteSqlAsync($"""
                INSERT INTO "profile_events" ("ProfileId", "Sequence")
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({json.Append(']').ToString()})
                """, cancellationToken);
        }
        var profileIds = pairs.ConvertAll(p => p.ProfileId).ToArray();
        var sequences = pairs.ConvertAll(p => p.Sequence).ToArray();
        return db.Database.ExecuteSqlAsync($"""INSERT INTO "profile_events" ("ProfileId", "Sequence") SELECT * FROM unnest({profileIds}, {sequences})""", cancellationToken);
    }
}
