using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Storage;
using Rapport.Server.Tests.Support;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;

namespace Rapport.Server.Tests.Sync;

/// <summary>
/// Rapport on a test server with fake sync stages and a fake connector factory (the runner, lease,
/// store, API and Quartz schedules are real), on SQLite or PostgreSQL. Each test creates its own
/// dataset and connection.
/// </summary>
public abstract class SyncHostFixture(DatabaseKind kind) : IAsyncLifetime
{
    private WebApplication? _app;
    private PostgresTestDatabase? _postgres;
    private string _dataDirectory = "";

    public FakeStageScript Script { get; } = new();
    public FakeConnectorFactory Connectors { get; } = new();

    public WebApplication App
    {
        get
        {
            if (_app is null)
            {
                PostgresTestDatabase.RequireServer();
            }
            return _app!;
        }
    }

    /// <summary>The admin client; on PostgreSQL without a configured server this fails (or skips) the test with the reason.</summary>
    public HttpClient Admin
    {
        get
        {
            if (_admin is null)
            {
                PostgresTestDatabase.RequireServer();
            }
            return _admin!;
        }
        private set => _admin = value;
    }

    private HttpClient? _admin;

    public IServiceProvider Services => App.Services;

    public async ValueTask InitializeAsync()
    {
        if (kind == DatabaseKind.Postgres && PostgresTestDatabase.Unavailable is not null)
        {
            return;
        }
        _postgres = kind == DatabaseKind.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        _dataDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-sync-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rapport:AdminKey"] = RapportTestHost.AdminKey,
                ["Rapport:DataDirectory"] = _dataDirectory,
                ["Rapport:Database"] = _postgres?.ConnectionString,
                ["Rapport:Sync:Activities"] = "false",
                ["Rapport:Sync:SchedulerName"] = "sync-tests-" + Guid.NewGuid().ToString("N"),
                ["Rapport:Sync:ReconcileSeconds"] = "3600",
            });
            b.WebHost.UseTestServer();
            if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOGS") != "1")
            {
                b.Logging.ClearProviders();
            }
        });
        builder.Services.RemoveAll<ISyncStage>();
        builder.Services.AddSingleton<ISyncStage>(new FakeSyncStage("push", Script));
        builder.Services.AddSingleton<ISyncStage>(new FakeSyncStage("pull", Script));
        builder.Services.RemoveAll<ICrmConnectorFactory>();
        builder.Services.AddSingleton<ICrmConnectorFactory>(Connectors);
        if (_postgres is not null)
        {
            await RapportDataExtensions.MigrateAsync(StorageOptions.Resolve(_postgres.ConnectionString, _dataDirectory), CancellationToken.None);
        }
        _app = await RapportServer.BuildAsync(builder);
        await _app.StartAsync();
        Admin = _app.GetTestClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RapportTestHost.AdminKey);
    }

    /// <summary>A dataset with a connection row as if it had been established (tokens set), in the given state.</summary>
    public async Task<(string DatasetId, string ConnectionId)> ConnectionAsync(
        SalesforceConnectionState state = SalesforceConnectionState.Active, bool initialDone = true, string timeZone = "UTC", bool established = true)
    {
        using var response = await Admin.PostAsJsonAsync("/api/datasets", new { name = "sync-" + Guid.NewGuid().ToString("N")[..10], timeZone });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var datasetId = body.GetProperty("id").GetString()!;
        var connection = new SalesforceConnectionEntity
        {
            Id = Guid.NewGuid().ToString("N"), DatasetId = datasetId, ConsumerKey = "3MVG9SyncTests", State = state,
            AccessTokenProtected = established ? "protected-token" : null, InstanceUrl = "https://example.my.salesforce.com",
            CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch, InitialSyncCompletedAt = initialDone ? DateTime.UnixEpoch : null,
        };
        await using var db = await Db();
        db.SalesforceConnections.Add(connection);
        await db.SaveChangesAsync();
        return (datasetId, connection.Id);
    }

    public Task<RapportDbContext> Db() => Services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync();

    public static string Path(string datasetId, string action) => $"/api/datasets/{datasetId}/connections/salesforce/{action}";

    /// <summary>Polls the run until it is no longer Running.</summary>
    public async Task<JsonElement> WaitForRunAsync(string datasetId, long runId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var run = await Admin.GetFromJsonAsync<JsonElement>(Path(datasetId, $"runs/{runId}"), cts.Token);
            if (run.GetProperty("status").GetString() != "Running")
            {
                return run;
            }
            await Task.Delay(20, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_app is not null)
        {
            Admin.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (_dataDirectory.Length > 0)
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A straggling file handle; the temp directory is cleaned by the OS eventually.
        }
    }
}
