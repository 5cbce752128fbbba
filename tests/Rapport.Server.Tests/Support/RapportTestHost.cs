using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Data.Storage;

namespace Rapport.Server.Tests.Support;

/// <summary>
/// Rapport on an in-memory test server with a fresh data directory (SQLite) or a fresh
/// PostgreSQL database, and helpers to create datasets, send tracking calls and wait for the
/// processor.
/// </summary>
public sealed class RapportTestHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private readonly PostgresTestDatabase? _postgres;

    private RapportTestHost(WebApplication app, string dataDirectory, PostgresTestDatabase? postgres)
    {
        App = app;
        DataDirectory = dataDirectory;
        _postgres = postgres;
        Client = app.GetTestClient();
        Admin = app.GetTestClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending the admin key.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => App.Services;

    public static Task<RapportTestHost> StartAsync(DatabaseKind kind, CancellationToken cancellationToken = default)
        => StartAsync(kind, null, null, cancellationToken);

    /// <summary>
    /// Starts a host. <paramref name="settings"/> add to (or override) the test settings;
    /// <paramref name="services"/> registers services before Rapport's own, which keep a test's
    /// replacement where they are added with TryAdd (a sign-in throttle on a fake clock).
    /// </summary>
    public static async Task<RapportTestHost> StartAsync(DatabaseKind kind, IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection>? services, CancellationToken cancellationToken = default)
    {
        var postgres = kind == DatabaseKind.Postgres ? await PostgresTestDatabase.CreateAsync(cancellationToken) : null;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rapport-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var configuration = new Dictionary<string, string?>
        {
            ["Rapport:AdminKey"] = AdminKey,
            ["Rapport:DataDirectory"] = dataDirectory,
            ["Rapport:Database"] = postgres?.ConnectionString,
            ["Rapport:ProcessorPollMilliseconds"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(configuration);
            services?.Invoke(b.Services);
            b.WebHost.UseTestServer();
            if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOGS") != "1")
            {
                b.Logging.ClearProviders();
            }
        });
        var app = await RapportServer.BuildAsync(builder, cancellationToken);
        if (postgres is not null)
        {
            await RapportDataExtensions.MigrateAsync(RapportServer.StorageOf(app), cancellationToken);
        }
        await app.StartAsync(cancellationToken);
        return new RapportTestHost(app, dataDirectory, postgres);
    }

    public async Task<TestDataset> CreateDatasetAsync(string? name = null, string? timeZone = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/datasets", new { name = name ?? "ds-" + Guid.NewGuid().ToString("N")[..10], timeZone });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestDataset(body.GetProperty("id").GetString()!, body.GetProperty("name").GetString()!, body.GetProperty("writeKey").GetString()!);
    }

    /// <summary>POSTs <paramref name="json"/> to a tracking endpoint with the write key as Basic user name.</summary>
    public Task<HttpResponseMessage> TrackAsync(string path, string json, string? writeKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (writeKey is not null)
        {
            request.Headers.Authorization = BasicAuth(writeKey, "");
        }
        return Client.SendAsync(request);
    }

    /// <summary>Sends and asserts a 200.</summary>
    public async Task SendOkAsync(string path, string json, TestDataset dataset)
    {
        using var response = await TrackAsync(path, json, dataset.WriteKey);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body}");
    }

    public static AuthenticationHeaderValue BasicAuth(string user, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>Polls the status endpoint until no event of the dataset is waiting.</summary>
    public async Task WaitForProcessingAsync(string datasetId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var status = await Admin.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/status", cts.Token);
            if (status.GetProperty("pendingEvents").GetInt64() == 0)
            {
                return;
            }
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Processing of dataset {datasetId} did not catch up: {status}");
            }
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 }).RootElement.Clone();
    }

    public Task<JsonElement> ProfileAsync(TestDataset dataset, string id)
        => GetJsonAsync($"/api/datasets/{dataset.Id}/profiles/{Uri.EscapeDataString(id)}");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle; the temp directory is cleaned by the OS eventually.
        }
    }
}

/// <summary>A dataset created for one test.</summary>
public sealed record TestDataset(string Id, string Name, string WriteKey);
