using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rapport.Data.Entities;
using Rapport.Sync.Push;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;
using Rapport.Sync.Tests.Support;

namespace Rapport.Sync.Tests.Push;

/// <summary>A sync test database with a fake CRM, links made by hand, and a way to run the push stage.</summary>
public sealed class PushHarness : IAsyncDisposable
{
    private long _runId;

    private PushHarness(SyncTestDatabase database)
    {
        Database = database;
        Connector = new FakeCrmConnector();
        Writer = new FakeCrmWriter(Connector);
        Schema = new FakeCrmSchema(Connector);
        Connector.Writer = Writer;
        Connector.Schema = Schema;
    }

    public SyncTestDatabase Database { get; }
    public FakeCrmConnector Connector { get; }
    public FakeCrmWriter Writer { get; }
    public FakeCrmSchema Schema { get; }
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public static async Task<PushHarness> CreateAsync() => new(await SyncTestDatabase.CreateAsync());

    /// <summary>Identifies users (one processor pass for all of them).</summary>
    public Task IdentifyAsync(params (string UserId, object Traits)[] users)
        => Database.TrackAsync(users.Select(u => Database.Identify(u.UserId, u.Traits)).ToArray());

    /// <summary>Links a profile (or account) to a CRM record, as pull would have.</summary>
    public async Task LinkAsync(string profileKey, string objectType, string recordId, CrmProfileKind kind = CrmProfileKind.User,
        string pulledValues = "{}", int ageDays = 10)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.CrmLinks.Add(NewLink(profileKey, objectType, recordId, kind, pulledValues, ageDays));
        await db.SaveChangesAsync();
    }

    /// <summary>Links many profiles at once.</summary>
    public async Task LinkManyAsync(IEnumerable<(string ProfileKey, string RecordId)> links, string objectType = "Contact")
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.CrmLinks.AddRange(links.Select(l => NewLink(l.ProfileKey, objectType, l.RecordId, CrmProfileKind.User, "{}", 10)));
        await db.SaveChangesAsync();
    }

    public async Task<CrmLinkEntity?> FindLinkAsync(string objectType, string recordId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.CrmLinks.AsNoTracking().FirstOrDefaultAsync(l => l.ObjectType == objectType && l.RecordId == recordId);
    }

    public async Task<List<CrmLinkEntity>> LinksOfAsync(string profileKey)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.CrmLinks.AsNoTracking().Where(l => l.ProfileKey == profileKey).ToListAsync();
    }

    /// <summary>Runs the push stage once and returns the run's record.</summary>
    public async Task<SyncRunRecorder> PushAsync(PushSettings push, string? integrationUserId = null, PullSettings? pull = null)
    {
        var run = new SyncRunRecorder(++_runId);
        var context = new SyncContext
        {
            ConnectionId = Database.ConnectionId,
            DatasetId = Database.DatasetId,
            Settings = new SyncSettings { Push = push, Pull = pull ?? new PullSettings() },
            Connector = Connector,
            Run = run,
            IntegrationUserId = integrationUserId,
        };
        await new PushStage(Database.Contexts, Time, NullLogger<PushStage>.Instance).RunAsync(context, CancellationToken.None);
        return run;
    }

    /// <summary>The writes made by the push run that starts after <paramref name="before"/> writes.</summary>
    public List<(string ObjectType, string Id, IReadOnlyDictionary<string, object?> Fields, bool Bulk)> WritesSince(int before)
        => Writer.Writes.Skip(before).ToList();

    private CrmLinkEntity NewLink(string profileKey, string objectType, string recordId, CrmProfileKind kind, string pulledValues, int ageDays)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        return new CrmLinkEntity
        {
            ConnectionId = Database.ConnectionId, ObjectType = objectType, RecordId = recordId, ProfileKind = kind, ProfileKey = profileKey,
            RecordCreatedAt = now.AddDays(-ageDays), LinkedAt = now, PulledValues = pulledValues,
        };
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
