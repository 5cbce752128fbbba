using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rapport.Core.Events;
using Rapport.Core.Profiles;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;

namespace Rapport.Data.Processing;

/// <summary>
/// Consumes a dataset's event log in order from its checkpoint and maintains profiles, identities,
/// accounts and memberships. Each chunk and the checkpoint advance commit in one transaction, so a
/// crash repeats at most an uncommitted chunk and the result is the same.
/// </summary>
public sealed class ProfileProcessor(
    IDbContextFactory<RapportDbContext> contextFactory,
    IEventStaging staging,
    TimeProvider timeProvider,
    ILogger<ProfileProcessor> logger)
{
    /// <summary>
    /// One chunk of a dataset at a time in this process. The background service and a sync run's
    /// catch-up would otherwise read the same events, both apply them, and one would roll back
    /// (see the conflict below): double the work while the sync waits on it. Other nodes still
    /// meet that conflict check.
    /// </summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _datasetLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Events handled per transaction. Most of a chunk's cost is per profile it touches (read, parse,
    /// write back), so a larger chunk applies more events per profile write when catching up:
    /// measured, 5,000 caught up at about 20,000 events/s and 20,000 at about 39,000, but 20,000
    /// took the sync benchmark's set-up past 500 MB. 10,000 keeps it at 422 MB.
    /// </summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>Ids per lookup statement: a whole chunk's worth, bounded so one statement stays modest.</summary>
    private const int LookupChunk = 5_000;

    /// <summary>Processes everything currently in the log of one dataset; returns how many events.</summary>
    public async Task<long> CatchUpAsync(string datasetId, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var processed = await ProcessChunkAsync(datasetId, cancellationToken);
            if (processed.Count == 0)
            {
                return total;
            }
            total += processed.Count;
        }
    }

    /// <summary>
    /// Processes up to <see cref="ChunkSize"/> events; returns what it did. Staged appends are
    /// moved into the log first (any dataset's: they are few rows, moved in order).
    /// </summary>
    public async Task<ChunkResult> ProcessChunkAsync(string datasetId, CancellationToken cancellationToken)
    {
        await staging.SplitAsync(ChunkSize, cancellationToken);
        var gate = _datasetLocks.GetOrAdd(datasetId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ProcessChunkLockedAsync(datasetId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ChunkResult> ProcessChunkLockedAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return await ProcessChunkAsync(db, datasetId, cancellationToken);
        }
        // One open connection for the whole chunk; SqliteEventLogAttacher gives every EF
        // connection SQLite's own busy handler when it opens.
        await db.Database.OpenConnectionAsync(cancellationToken);
        // A chunk's commit need not wait for the disk: everything it writes is derived from the
        // log and the checkpoint commits with it, so a chunk lost to a power cut (never to a crash
        // of the process: WAL frames are in the OS's cache) is applied again from the log. The
        // fsync was a quarter of the processor's time. The next commit with synchronous=FULL on
        // any connection syncs these frames too. The setting belongs to the pooled connection, so
        // it is put back before the connection goes back to the pool.
        var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
        try
        {
            return await ProcessChunkAsync(db, datasetId, cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(synchronous switch
            {
                0 => "PRAGMA synchronous=OFF;",
                1 => "PRAGMA synchronous=NORMAL;",
                3 => "PRAGMA synchronous=EXTRA;",
                _ => "PRAGMA synchronous=FULL;",
            }, CancellationToken.None);
        }
    }

    private async Task<ChunkResult> ProcessChunkAsync(RapportDbContext db, string datasetId, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == datasetId, cancellationToken);
        if (dataset is null)
        {
            return default;
        }
        var checkpoint = await db.Checkpoints.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        var position = checkpoint?.Position ?? 0;

        var settings = new DatasetSettings(dataset.TimeZone, dataset.NpsScoreEvent, dataset.NpsFeedbackEvent);
        var rows = await ReadChunkAsync(db, datasetId, position, settings, cancellationToken);
        if (rows.Count == 0)
        {
            return default;
        }

        var firstSeen = new List<string>(rows.Count);
        var repeats = await ProcessedEventRows.FindRepeatsAsync(db, datasetId, rows, firstSeen, cancellationToken);
        var events = rows.Where(r => !repeats.Contains(r.Sequence)).ToList();
        var workspace = await LoadWorkspaceAsync(db, datasetId, events, cancellationToken);

        var applied = new List<(UserProfile Profile, long Sequence)>(events.Count);
        foreach (var e in events)
        {
            try
            {
                var profile = e.Type == EventType.CrmUpdate
                    ? EventApplier.ApplyCrmUpdate(e, workspace)
                    : EventApplier.Apply(e, workspace, settings);
                if (profile is not null)
                {
                    applied.Add((profile, e.Sequence));
                }
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                // The tracking API validated the message; a row that still cannot be applied is
                // logged and skipped rather than blocking the dataset's log forever.
                logger.LogWarning(ex, "Skipped event {Sequence} of dataset {Dataset}: it could not be applied", e.Sequence, datasetId);
            }
        }

        // Everything read above; the transaction starts with writes. On SQLite it holds rapport.db's
        // write lock only (SqliteMainWriteLockInterceptor), never the event log's.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var last = rows[^1];
            await SaveWorkspaceAsync(db, workspace, last.Sequence, cancellationToken);
            await ProcessedEventRows.InsertMessageIdsAsync(db, datasetId, firstSeen, cancellationToken);
            await ProcessedEventRows.InsertDuplicatesAsync(db, datasetId, repeats, cancellationToken);
            await ProcessedEventRows.InsertProfileEventsAsync(db, ProfileEvents(workspace, applied), cancellationToken);
            if (checkpoint is null)
            {
                db.Checkpoints.Add(new CheckpointEntity
                {
                    DatasetId = datasetId,
                    Position = last.Sequence,
                    LastReceivedAtMs = last.ReceivedAtMs,
                    UpdatedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                });
            }
            else
            {
                checkpoint.Position = last.Sequence;
                checkpoint.LastReceivedAtMs = last.ReceivedAtMs;
                checkpoint.UpdatedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ChunkResult(rows.Count, last.ReceivedAtMs, Full: rows.Count == ChunkSize);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            // Another processor advanced this dataset first; its work stands and ours is dropped.
            await transaction.RollbackAsync(cancellationToken);
            logger.LogDebug(ex, "Dataset {Dataset}: another processor handled events after {Position}", datasetId, position);
            return new ChunkResult(0, 0, Conflict: true);
        }
    }

    /// <summary>(profile id, sequence) of each applied event, once every profile has its id.</summary>
    private static List<(long ProfileId, long Sequence)> ProfileEvents(ChunkWorkspace workspace, List<(UserProfile Profile, long Sequence)> applied)
    {
        var pairs = new List<(long, long)>(applied.Count);
        foreach (var (profile, sequence) in applied)
        {
            if (workspace.Profiles.GetValueOrDefault(workspace.Survivor(profile)) is { } entity)
            {
                pairs.Add((entity.Id, sequence));
            }
        }
        return pairs;
    }

    private static bool IsUniqueViolation(DbUpdateException ex)
        => ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }
            || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" };

    /// <summary>
    /// The next <see cref="ChunkSize"/> events after <paramref name="position"/>. A message is read
    /// only for the events whose application reads it (<see cref="EventApplier.NeedsPayload"/>):
    /// most are pages and track calls, applied from the other columns.
    /// </summary>
    private Task<List<LoggedEvent>> ReadChunkAsync(RapportDbContext db, string datasetId, long position, DatasetSettings settings,
        CancellationToken cancellationToken)
    {
        var (nps, feedback) = (settings.NpsScoreEvent, settings.NpsFeedbackEvent);
        return db.Events.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.Sequence > position)
            .OrderBy(e => e.Sequence)
            .Take(ChunkSize)
            .Select(e => new LoggedEvent
            {
                Sequence = e.Sequence,
                DatasetId = datasetId,
                MessageId = e.MessageId,
                Type = (EventType)e.Type,
                UserId = e.UserId,
                AnonymousId = e.AnonymousId,
                Name = e.Name,
                GroupId = e.GroupId,
                PreviousId = e.PreviousId,
                TimestampMs = e.TimestampMs,
                ReceivedAtMs = e.ReceivedAtMs,
                // Kept in step with EventApplier.NeedsPayload (a test applies NPS, traits and CRM updates).
                Payload = e.Type == (int)EventType.Identify || e.Type == (int)EventType.Group || e.Type == (int)EventType.CrmUpdate
                    || (e.Type == (int)EventType.Track && (e.Name == nps || e.Name == feedback))
                        ? e.Payload
                        : NoPayload,
            })
            .ToListAsync(cancellationToken);
    }

    private static readonly byte[] NoPayload = [];

    private static async Task<ChunkWorkspace> LoadWorkspaceAsync(RapportDbContext db, string datasetId,
        List<LoggedEvent> events, CancellationToken cancellationToken)
    {
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        var anonymousIds = new HashSet<string>(StringComparer.Ordinal);
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.UserId is not null)
            {
                userIds.Add(e.UserId);
                // A user id may have been aliased into another profile and live on as an identity.
                anonymousIds.Add(e.UserId);
            }
            if (e.AnonymousId is not null)
            {
                anonymousIds.Add(e.AnonymousId);
            }
            if (e.PreviousId is not null)
            {
                userIds.Add(e.PreviousId);
                anonymousIds.Add(e.PreviousId);
            }
            if (e.GroupId is not null)
            {
                groupIds.Add(e.GroupId);
            }
        }

        var profiles = new Dictionary<long, ProfileEntity>();
        // Rows are read untracked: existing profiles and accounts are written by ProfileRowWriter, and
        // tracking a chunk's thousands of rows (with their documents' snapshots) only cost time and memory.
        // Each id list goes as one array parameter; hundreds of separate ones make SQLite bind by name
        // hundreds of times per statement.
        foreach (var part in userIds.Chunk(LookupChunk))
        {
            foreach (var entity in await db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId && EF.Parameter(part).Contains(p.UserId!)).ToListAsync(cancellationToken))
            {
                profiles[entity.Id] = entity;
            }
        }
        var identities = new List<IdentityEntity>();
        foreach (var part in anonymousIds.Chunk(LookupChunk))
        {
            identities.AddRange(await db.Identities.AsNoTracking().Where(i => i.DatasetId == datasetId && EF.Parameter(part).Contains(i.AnonymousId)).ToListAsync(cancellationToken));
        }
        var missing = identities.Select(i => i.ProfileId).Where(id => !profiles.ContainsKey(id)).Distinct().ToList();
        foreach (var part in missing.Chunk(LookupChunk))
        {
            foreach (var entity in await db.Profiles.AsNoTracking().Where(p => EF.Parameter(part).Contains(p.Id)).ToListAsync(cancellationToken))
            {
                profiles[entity.Id] = entity;
            }
        }

        var memberships = new List<MembershipEntity>();
        foreach (var part in profiles.Keys.Chunk(LookupChunk))
        {
            memberships.AddRange(await db.Memberships.AsNoTracking().Where(m => EF.Parameter(part).Contains(m.ProfileId)).ToListAsync(cancellationToken));
        }
        var accounts = new Dictionary<long, AccountEntity>();
        foreach (var part in groupIds.Chunk(LookupChunk))
        {
            foreach (var entity in await db.Accounts.AsNoTracking().Where(a => a.DatasetId == datasetId && EF.Parameter(part).Contains(a.GroupId)).ToListAsync(cancellationToken))
            {
                accounts[entity.Id] = entity;
            }
        }
        var missingAccounts = memberships.Select(m => m.AccountId).Where(id => !accounts.ContainsKey(id)).Distinct().ToList();
        foreach (var part in missingAccounts.Chunk(LookupChunk))
        {
            foreach (var entity in await db.Accounts.AsNoTracking().Where(a => EF.Parameter(part).Contains(a.Id)).ToListAsync(cancellationToken))
            {
                accounts[entity.Id] = entity;
            }
        }

        var workspace = new ChunkWorkspace(datasetId);
        foreach (var entity in accounts.Values)
        {
            workspace.AddLoaded(new AccountProfile
            {
                Id = entity.Id,
                GroupId = entity.GroupId,
                Attributes = ProfileDocuments.ReadAttributes(entity.Attributes),
                Kpis = ProfileDocuments.ReadKpis(entity.Kpis),
            }, entity);
        }
        var membershipsByProfile = memberships.ToLookup(m => m.ProfileId);
        var loaded = new Dictionary<long, UserProfile>();
        foreach (var entity in profiles.Values)
        {
            var profile = new UserProfile
            {
                Id = entity.Id,
                UserId = entity.UserId,
                Attributes = ProfileDocuments.ReadAttributes(entity.Attributes),
                Kpis = ProfileDocuments.ReadKpis(entity.Kpis),
            };
            foreach (var membership in membershipsByProfile[entity.Id])
            {
                if (accounts.TryGetValue(membership.AccountId, out var account))
                {
                    profile.Accounts.Add(account.GroupId);
                }
            }
            workspace.AddLoaded(profile, entity);
            loaded[entity.Id] = profile;
        }
        foreach (var identity in identities)
        {
            if (loaded.TryGetValue(identity.ProfileId, out var owner))
            {
                workspace.AddLoadedIdentity(identity.AnonymousId, owner);
            }
        }
        workspace.LoadedIdentities = identities.ToDictionary(i => i.AnonymousId, StringComparer.Ordinal);
        return workspace;
    }

    private static async Task SaveWorkspaceAsync(RapportDbContext db, ChunkWorkspace workspace, long sequence, CancellationToken cancellationToken)
    {
        // 1. Accounts and profiles, so new ones get their ids.
        var accountUpdates = new List<(AccountEntity Row, AccountEntity Loaded)>();
        var profileUpdates = new List<(ProfileEntity Row, ProfileEntity Loaded)>();
        foreach (var account in workspace.ChangedAccounts)
        {
            var entity = workspace.Accounts[account];
            if (entity is null)
            {
                entity = new AccountEntity { DatasetId = workspace.DatasetId, GroupId = account.GroupId };
                db.Accounts.Add(entity);
                workspace.Accounts[account] = entity;
            }
            else
            {
                // Existing rows are written by ProfileRowWriter, not by EF's change tracker.
                var loaded = entity;
                entity = new AccountEntity { Id = entity.Id, DatasetId = entity.DatasetId, GroupId = entity.GroupId };
                accountUpdates.Add((entity, loaded));
            }
            entity.Name = account.Attributes.GetString("name");
            entity.SearchText = string.Join(' ', account.GroupId, entity.Name).ToLowerInvariant();
            entity.LastSeenMs = account.Kpis.LastSeenMs;
            entity.Attributes = ProfileDocuments.WriteAttributes(account.Attributes);
            entity.Kpis = ProfileDocuments.WriteKpis(account.Kpis);
            entity.ChangeSequence = sequence;
        }
        foreach (var profile in workspace.ChangedProfiles)
        {
            if (workspace.IsMergedAway(profile))
            {
                continue;
            }
            var entity = workspace.Profiles[profile];
            if (entity is null)
            {
                entity = new ProfileEntity { DatasetId = workspace.DatasetId };
                db.Profiles.Add(entity);
                workspace.Profiles[profile] = entity;
            }
            else
            {
                var loaded = entity;
                entity = new ProfileEntity { Id = entity.Id, DatasetId = entity.DatasetId };
                profileUpdates.Add((entity, loaded));
            }
            entity.UserId = profile.UserId;
            entity.Email = profile.Attributes.GetString("email");
            entity.DisplayName = DisplayName(profile.Attributes);
            entity.SearchText = string.Join(' ', profile.UserId, entity.Email, entity.DisplayName).ToLowerInvariant();
            entity.FirstSeenMs = profile.Kpis.FirstSeenMs;
            entity.LastSeenMs = profile.Kpis.LastSeenMs;
            entity.Attributes = ProfileDocuments.WriteAttributes(profile.Attributes);
            entity.Kpis = ProfileDocuments.WriteKpis(profile.Kpis);
            entity.ChangeSequence = sequence;
        }

        // 2. Merged-away profiles release their user id before the survivor may take it.
        var mergedEntities = workspace.Merges
            .Select(m => (Source: workspace.Profiles[m.Source], Target: workspace.Profiles[workspace.Survivor(m.Target)]))
            .Where(m => m.Source is not null)
            .ToList();
        foreach (var (source, _) in mergedEntities)
        {
            // Loaded untracked; the merged-away row is changed here and removed below through EF.
            db.Profiles.Attach(source!);
            source!.UserId = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        await ProfileRowWriter.UpdateProfilesAsync(db, profileUpdates, cancellationToken);
        await ProfileRowWriter.UpdateAccountsAsync(db, accountUpdates, cancellationToken);

        // 3. Identities and memberships, now that every profile and account has an id.
        foreach (var (source, target) in mergedEntities)
        {
            await db.Identities.Where(i => i.ProfileId == source!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ProfileId, target!.Id), cancellationToken);
            await db.Memberships.Where(m => m.ProfileId == source!.Id).ExecuteDeleteAsync(cancellationToken);
            await db.ProfileEvents.Where(p => p.ProfileId == source!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProfileId, target!.Id), cancellationToken);
        }
        foreach (var (anonymousId, owner) in workspace.IdentityChanges)
        {
            var ownerId = workspace.Profiles[workspace.Survivor(owner)]!.Id;
            if (workspace.LoadedIdentities.TryGetValue(anonymousId, out var identity))
            {
                if (identity.ProfileId != ownerId)
                {
                    // Read untracked (most of a chunk's identities keep their owner): attached as read,
                    // then changed, so EF updates the owner of this one.
                    db.Identities.Attach(identity);
                    identity.ProfileId = ownerId;
                }
            }
            else
            {
                db.Identities.Add(new IdentityEntity { DatasetId = workspace.DatasetId, AnonymousId = anonymousId, ProfileId = ownerId });
            }
        }
        foreach (var profile in workspace.ChangedProfiles)
        {
            if (workspace.IsMergedAway(profile))
            {
                continue;
            }
            var before = workspace.LoadedMemberships[profile];
            var profileId = workspace.Profiles[profile]!.Id;
            foreach (var groupId in profile.Accounts)
            {
                if (!before.Contains(groupId) && workspace.FindAccount(groupId) is { } account
                    && workspace.Accounts[account] is { } accountEntity)
                {
                    db.Memberships.Add(new MembershipEntity { ProfileId = profileId, AccountId = accountEntity.Id, DatasetId = workspace.DatasetId });
                }
            }
        }
        foreach (var (source, _) in mergedEntities)
        {
            db.Profiles.Remove(source!);
        }
    }

    private static string? DisplayName(AttributeSet attributes)
    {
        if (attributes.GetString("name") is { Length: > 0 } name)
        {
            return name;
        }
        var full = string.Join(' ', new[] { attributes.GetString("firstName"), attributes.GetString("lastName") }
            .Where(part => !string.IsNullOrEmpty(part)));
        return full.Length > 0 ? full : null;
    }
}
