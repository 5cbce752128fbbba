using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Core.Events;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;
using Rapport.Data.Processing;
using Rapport.Data.Storage;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// A migrated SQLite database of its own (temporary directory), with one dataset and one Salesforce
/// connection row, plus the real event log and processor: what the sync stages run against in
/// engine tests. Dispose deletes everything.
/// </summary>
public sealed class SyncTestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private SyncTestDatabase(ServiceProvider services, string directory, string datasetId, string connectionId)
    {
        _services = services;
        _directory = directory;
        DatasetId = datasetId;
        ConnectionId = connectionId;
    }

    public string DatasetId { get; }
    public string ConnectionId { get; }
    public IServiceProvider Services => _services;
    public IDbContextFactory<RapportDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
    public IEventLog EventLog => _services.GetRequiredService<IEventLog>();
    public ProfileProcessor Processor => _services.GetRequiredService<ProfileProcessor>();

    public static async Task<SyncTestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-sync-tests", Guid.NewGuid().ToString("N"));
        var storage = StorageOptions.Resolve(null, directory);
        await RapportDataExtensions.MigrateAsync(storage, cancellationToken);
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRapportData(storage)
            .BuildServiceProvider();
        var (dataset, _) = await services.GetRequiredService<DatasetStore>().CreateAsync("sync-test", null, cancellationToken);
        var connectionId = Guid.NewGuid().ToString("N");
        await using (var db = await services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            db.SalesforceConnections.Add(new SalesforceConnectionEntity
            {
                Id = connectionId, DatasetId = dataset.Id, ConsumerKey = "test", State = SalesforceConnectionState.Active,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SyncTestDatabase(services, directory, dataset.Id, connectionId);
    }

    /// <summary>Appends Segment-shaped messages to the log and processes them, as the tracking API and processor would.</summary>
    public async Task TrackAsync(params LoggedEvent[] events)
    {
        await EventLog.AppendAsync(events, CancellationToken.None);
        await Processor.CatchUpAsync(DatasetId, CancellationToken.None);
    }

    /// <summary>An identify for <paramref name="userId"/> with the given traits, at <paramref name="at"/>.</summary>
    public LoggedEvent Identify(string userId, object traits, DateTimeOffset? at = null) => Message(EventType.Identify, userId, new { type = "identify", userId, traits }, at);

    /// <summary>A group call putting <paramref name="userId"/> in <paramref name="groupId"/> with the given traits.</summary>
    public LoggedEvent Group(string userId, string groupId, object traits, DateTimeOffset? at = null)
        => Message(EventType.Group, userId, new { type = "group", userId, groupId, traits }, at) with { GroupId = groupId };

    /// <summary>A track event with properties.</summary>
    public LoggedEvent Track(string userId, string name, object properties, DateTimeOffset? at = null)
        => Message(EventType.Track, userId, new { type = "track", userId, @event = name, properties }, at) with { Name = name };

    private LoggedEvent Message(EventType type, string userId, object payload, DateTimeOffset? at)
    {
        var time = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
        return new LoggedEvent
        {
            DatasetId = DatasetId, MessageId = Guid.NewGuid().ToString("N"), Type = type, UserId = userId,
            TimestampMs = time, ReceivedAtMs = time, Payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A lingering handle on a temporary directory is not worth failing a test over.
        }
    }
}
