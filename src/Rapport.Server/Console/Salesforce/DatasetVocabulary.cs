using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;

namespace Rapport.Server.Console.Salesforce;

/// <summary>
/// The names a dataset already uses — attributes of its profiles and accounts, event names — so
/// the Salesforce pages can offer them as choices. A sample of the most recently active rows is
/// read, never the whole table: the lists are suggestions, and a name not seen can still be typed.
/// </summary>
public static class DatasetVocabulary
{
    private const int SampleSize = 500;
    private const int EventSampleSize = 2_000;

    /// <summary>Attribute names of recently seen profiles, sorted.</summary>
    public static async Task<IReadOnlyList<string>> ProfileAttributesAsync(IDbContextFactory<RapportDbContext> contexts, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var documents = await db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId)
            .OrderByDescending(p => p.LastSeenMs).Take(SampleSize).Select(p => p.Attributes).ToListAsync(cancellationToken);
        return Keys(documents);
    }

    /// <summary>Attribute names of recently seen accounts, sorted.</summary>
    public static async Task<IReadOnlyList<string>> AccountAttributesAsync(IDbContextFactory<RapportDbContext> contexts, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var documents = await db.Accounts.AsNoTracking().Where(a => a.DatasetId == datasetId)
            .OrderByDescending(a => a.LastSeenMs).Take(SampleSize).Select(a => a.Attributes).ToListAsync(cancellationToken);
        return Keys(documents);
    }

    /// <summary>Names of the recent track events, sorted.</summary>
    public static async Task<IReadOnlyList<string>> EventNamesAsync(IDbContextFactory<RapportDbContext> contexts, string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Events.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Name != null)
            .OrderByDescending(e => e.Sequence).Take(EventSampleSize).Select(e => e.Name!).ToListAsync(cancellationToken);
        return names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Keys(List<string> documents)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in documents)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        names.Add(property.Name);
                    }
                }
            }
            catch (JsonException)
            {
                // A damaged document only costs its names in a list of suggestions.
            }
        }
        return [.. names];
    }
}
