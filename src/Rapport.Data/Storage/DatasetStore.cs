using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;

namespace Rapport.Data.Storage;

/// <summary>Datasets and their write keys.</summary>
public sealed class DatasetStore(IDbContextFactory<RapportDbContext> contextFactory, TimeProvider timeProvider)
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromSeconds(30);

    // Write keys are checked on every tracking request; a short cache keeps that off the database.
    private readonly ConcurrentDictionary<string, (string? DatasetId, long ExpiresAtMs)> _keyCache = new(StringComparer.Ordinal);

    public async Task<(DatasetEntity Dataset, string WriteKey)> CreateAsync(string name, string? timeZone, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Datasets.AnyAsync(d => d.Name == name, cancellationToken))
        {
            throw new DatasetConflictException($"A dataset named \"{name}\" already exists; choose another name.");
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var dataset = new DatasetEntity
        {
            Id = "ds_" + RandomString(16, "abcdefghijklmnopqrstuvwxyz0123456789"),
            Name = name,
            CreatedAt = now,
            TimeZone = timeZone ?? "UTC",
        };
        var key = new WriteKeyEntity { Key = RandomString(32, KeyAlphabet), DatasetId = dataset.Id, CreatedAt = now };
        db.Datasets.Add(dataset);
        db.WriteKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two creates with one name at once: the unique index picked a winner.
            throw new DatasetConflictException($"A dataset named \"{name}\" already exists; choose another name.");
        }
        return (dataset, key.Key);
    }

    public async Task<string> CreateWriteKeyAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = new WriteKeyEntity
        {
            Key = RandomString(32, KeyAlphabet),
            DatasetId = datasetId,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        db.WriteKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key.Key;
    }

    public async Task<IReadOnlyList<(DatasetEntity Dataset, IReadOnlyList<string> WriteKeys)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var datasets = await db.Datasets.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.Name).ToListAsync(cancellationToken);
        var keys = await db.WriteKeys.AsNoTracking().Where(k => k.RevokedAt == null).ToListAsync(cancellationToken);
        var byDataset = keys.OrderBy(k => k.CreatedAt).ToLookup(k => k.DatasetId, k => k.Key);
        return datasets.Select(d => (d, (IReadOnlyList<string>)byDataset[d.Id].ToList())).ToList();
    }

    /// <summary>A dataset by id (the API's routes), or null.</summary>
    public async Task<DatasetEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>Finds a dataset by id, or by name (for the CLI).</summary>
    public async Task<DatasetEntity?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == idOrName, cancellationToken)
            ?? await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Name == idOrName, cancellationToken);
    }

    /// <summary>A dataset's active write keys, oldest first.</summary>
    public async Task<List<string>> WriteKeysAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.WriteKeys.AsNoTracking().Where(k => k.DatasetId == datasetId && k.RevokedAt == null)
            .OrderBy(k => k.CreatedAt).Select(k => k.Key).ToListAsync(cancellationToken);
    }

    /// <summary>The dataset a write key belongs to, or null for an unknown or revoked key.</summary>
    public async ValueTask<string?> ResolveWriteKeyAsync(string key, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (_keyCache.TryGetValue(key, out var cached) && cached.ExpiresAtMs > now)
        {
            return cached.DatasetId;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var datasetId = await db.WriteKeys.AsNoTracking()
            .Where(k => k.Key == key && k.RevokedAt == null)
            .Select(k => k.DatasetId)
            .SingleOrDefaultAsync(cancellationToken);
        if (_keyCache.Count > 10_000)
        {
            // Random keys from a misbehaving client must not grow the cache without bound.
            _keyCache.Clear();
        }
        _keyCache[key] = (datasetId, now + (long)KeyCacheLifetime.TotalMilliseconds);
        return datasetId;
    }

    /// <summary>Deletes everything derived from a dataset's log, so the processor rebuilds it from the start.</summary>
    public async Task ResetDerivedDataAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Memberships.Where(m => m.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.ProfileEvents.Where(e => db.Profiles.Any(p => p.Id == e.ProfileId && p.DatasetId == datasetId)).ExecuteDeleteAsync(cancellationToken);
        await db.MessageIds.Where(m => m.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.DuplicateEvents.Where(d => d.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.Identities.Where(i => i.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.Profiles.Where(p => p.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.Accounts.Where(a => a.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await db.Checkpoints.Where(c => c.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string RandomString(int length, string alphabet) => RandomNumberGenerator.GetString(alphabet, length);
}
