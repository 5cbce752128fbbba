using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rapport.Core.Events;
using Rapport.Data.Entities;
using Rapport.Data.Processing;
using Rapport.Sync.Matching;
using Rapport.Sync.Pull;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;
using Rapport.Sync.Tests.Support;

namespace Rapport.Sync.Tests.Pull;

/// <summary>A test database, a fake CRM reader and a clock, with the pull stage wired to them.</summary>
public sealed class PullTestKit : IAsyncDisposable
{
    /// <summary>Tracking data in these tests happens before the CRM records change.</summary>
    public static readonly DateTimeOffset Before = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Modified = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private PullTestKit(SyncTestDatabase db) => Db = db;

    public SyncTestDatabase Db { get; }
    public FakeCrmReader Reader { get; } = new();
    public FakeTimeProvider Clock { get; } = new(Now);
    private long _runs;

    public static async Task<PullTestKit> CreateAsync() => new(await SyncTestDatabase.CreateAsync(TestContext.Current.CancellationToken));

    public PullStage Stage => new(Db.Contexts, Db.EventLog, Db.Processor, Clock, NullLogger<PullStage>.Instance);

    public async Task<SyncRunRecorder> RunAsync(SyncSettings settings)
    {
        var run = new SyncRunRecorder(++_runs);
        using var connector = new FakeCrmConnector { Reader = Reader };
        var context = new SyncContext
        {
            ConnectionId = Db.ConnectionId, DatasetId = Db.DatasetId, Settings = settings, Connector = connector, Run = run,
        };
        await Stage.RunAsync(context, TestContext.Current.CancellationToken);
        return run;
    }

    /// <summary>Settings pulling the given record types (people mapped Title → title, FirstName → firstName; accounts Industry → industry).</summary>
    public static SyncSettings Config(PullSettings? pull = null, params RecordTypeSettings[] types)
        => new() { Pull = (pull ?? new PullSettings()) with { RecordTypes = types.Length > 0 ? types : [ContactType()] } };

    public static RecordTypeSettings ContactType(params MatchField[] matchFields) => new()
    {
        ObjectType = "Contact", Kind = CrmObjectKind.Contact, MatchFields = matchFields,
        Mappings = [new FieldMapping("Title", "title"), new FieldMapping("FirstName", "firstName")],
    };

    public static RecordTypeSettings LeadType() => ContactType() with { ObjectType = "Lead", Kind = CrmObjectKind.Lead };

    public static RecordTypeSettings AccountType() => new()
    {
        ObjectType = "Account", Kind = CrmObjectKind.Account, Mappings = [new FieldMapping("Industry", "industry")],
    };

    public static CrmRecord Record(CrmObjectKind kind, string id, DateTimeOffset modstamp, params (string Field, string? Value)[] fields)
        => new(kind, id, modstamp.AddDays(-30), fields.ToDictionary(f => f.Field, f => f.Value)) { Modstamp = modstamp };

    public static CrmRecord Contact(string id, params (string Field, string? Value)[] fields) => Record(CrmObjectKind.Contact, id, Modified, fields);

    public Task IdentifyAsync(string userId, object traits) => Db.TrackAsync(Db.Identify(userId, traits, Before));

    public async Task<ProfileEntity?> ProfileAsync(string userId)
    {
        await using var db = await Db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.DatasetId == Db.DatasetId && p.UserId == userId, TestContext.Current.CancellationToken);
    }

    public async Task<AccountEntity?> AccountAsync(string groupId)
    {
        await using var db = await Db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.DatasetId == Db.DatasetId && a.GroupId == groupId, TestContext.Current.CancellationToken);
    }

    /// <summary>An attribute's value (as text) and source, or null.</summary>
    public async Task<(string? Value, string Source)?> AttributeAsync(string userId, string attribute)
    {
        var profile = await ProfileAsync(userId);
        return profile is null ? null : Read(profile.Attributes, attribute);
    }

    public static (string? Value, string Source)? Read(string attributes, string attribute)
        => ProfileDocuments.ReadAttributes(attributes).TryGet(attribute, out var value) ? (value.Value.ToString(), value.Source) : null;

    public async Task<List<CrmLinkEntity>> LinksAsync()
    {
        await using var db = await Db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.CrmLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<int> CrmEventCountAsync()
    {
        await using var db = await Db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Events.CountAsync(e => e.DatasetId == Db.DatasetId && e.Type == (int)EventType.CrmUpdate, TestContext.Current.CancellationToken);
    }

    public async Task AddLinkAsync(string objectType, string recordId, string profileKey, CrmProfileKind kind = CrmProfileKind.User)
    {
        await using var db = await Db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.CrmLinks.Add(new CrmLinkEntity
        {
            ConnectionId = Db.ConnectionId, ObjectType = objectType, RecordId = recordId, ProfileKey = profileKey, ProfileKind = kind,
            RecordCreatedAt = Before.UtcDateTime, LinkedAt = Before.UtcDateTime,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
