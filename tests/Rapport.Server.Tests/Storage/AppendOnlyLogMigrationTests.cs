using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Storage;

/// <summary>
/// Upgrading a database from before the append-only log: the events the processor had already
/// applied get their messageIds and their profile rows, so nothing a person saw before the upgrade
/// goes missing from their profile, and a repeat of an old messageId is still skipped.
/// </summary>
public sealed class AppendOnlyLogMigrationTests
{
    private const string LastMigrationBefore = "20261123181555_ConsoleAdmins";
    private const string LastMigrationBeforePostgres = "20261123181557_ConsoleAdmins";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Migrate_DatabaseWithProcessedEvents_BackfillsMessageIdsAndProfileEvents(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Path.Combine(Path.GetTempPath(), "rapport-migration-" + Guid.NewGuid().ToString("N")[..12]);
        await using var postgres = kind == DatabaseKind.Postgres ? await PostgresTestDatabase.CreateAsync(ct) : null;
        var storage = StorageOptions.Resolve(postgres?.ConnectionString, directory);
        try
        {
            var options = new DbContextOptionsBuilder<RapportDbContext>();
            RapportDataExtensions.Configure(options, storage);
            if (kind == DatabaseKind.Sqlite)
            {
                Directory.CreateDirectory(directory);
                await SqliteEventLogSchema.EnsureCreatedAsync(storage.EventLogPath, ct);
            }
            await using (var db = new RapportDbContext(options.Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(kind == DatabaseKind.Sqlite ? LastMigrationBefore : LastMigrationBeforePostgres, ct);
                db.Datasets.Add(new DatasetEntity { Id = "ds", Name = "Web" });
                var ada = new ProfileEntity { DatasetId = "ds", UserId = "ada" };
                db.Profiles.Add(ada);
                await db.SaveChangesAsync(ct);
                db.Identities.Add(new IdentityEntity { DatasetId = "ds", AnonymousId = "visitor-1", ProfileId = ada.Id });
                db.Events.AddRange(
                    Event(1, "m-1", userId: "ada"),
                    Event(2, "m-2", anonymousId: "visitor-1"),
                    Event(3, "m-3", userId: "someone-unknown"),
                    Event(4, "m-4", userId: "ada"));
                // Processed up to 3: event 4 is the processor's to handle after the upgrade.
                db.Checkpoints.Add(new CheckpointEntity { DatasetId = "ds", Position = 3 });
                await db.SaveChangesAsync(ct);
            }

            await RapportDataExtensions.MigrateAsync(storage, ct);

            await using (var db = new RapportDbContext(options.Options))
            {
                var adaId = await db.Profiles.Where(p => p.UserId == "ada").Select(p => p.Id).SingleAsync(ct);
                var rows = await db.ProfileEvents.OrderBy(p => p.Sequence).Select(p => new { p.ProfileId, p.Sequence }).ToListAsync(ct);
                Assert.Equal([new { ProfileId = adaId, Sequence = 1L }, new { ProfileId = adaId, Sequence = 2L }], rows);
                var ids = await db.MessageIds.OrderBy(m => m.MessageId).Select(m => m.MessageId).ToListAsync(ct);
                Assert.Equal(["m-1", "m-2", "m-3"], ids);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static EventEntity Event(long sequence, string messageId, string? userId = null, string? anonymousId = null) => new()
    {
        Sequence = sequence,
        DatasetId = "ds",
        MessageId = messageId,
        Type = (int)Rapport.Core.Events.EventType.Track,
        UserId = userId,
        AnonymousId = anonymousId,
        Name = "Seen",
        TimestampMs = 1_700_000_000_000 + sequence,
        ReceivedAtMs = 1_700_000_000_000 + sequence,
        Payload = "{}"u8.ToArray(),
    };
}
