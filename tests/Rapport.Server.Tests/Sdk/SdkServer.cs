using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Sdk;

/// <summary>
/// Rapport on Kestrel at 127.0.0.1 (SQLite in a fresh data directory), so a separate process — the
/// Node browser harness — can load the snippet from it and post to its tracking API. Tests create
/// their own datasets and read the traffic of their own write key.
/// </summary>
public sealed class SdkServer : IAsyncLifetime
{
    private const string AdminKey = "sdk-tests-admin-key";

    private WebApplication? _app;
    private string _dataDirectory = "";

    public Uri BaseUrl { get; private set; } = null!;

    public TrafficRecorder Traffic { get; } = new();

    /// <summary>A client sending the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "rapport-sdk-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Rapport:AdminKey"] = AdminKey,
            ["Rapport:DataDirectory"] = _dataDirectory,
            ["Rapport:ProcessorPollMilliseconds"] = "100",
        };
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Services.AddSingleton<IStartupFilter>(Traffic);
            if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOGS") != "1")
            {
                b.Logging.ClearProviders();
            }
        });
        _app = await RapportServer.BuildAsync(builder);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
        Admin = new HttpClient { BaseAddress = BaseUrl };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>The address the snippet is given as its host (no trailing slash).</summary>
    public string Host => BaseUrl.ToString().TrimEnd('/');

    public async Task<TestDataset> CreateDatasetAsync()
    {
        using var response = await Admin.PostAsJsonAsync("api/datasets", new { name = "sdk-" + Guid.NewGuid().ToString("N")[..10] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestDataset(body.GetProperty("id").GetString()!, body.GetProperty("name").GetString()!, body.GetProperty("writeKey").GetString()!);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Admin.GetAsync(path.TrimStart('/'));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 }).RootElement.Clone();
    }

    /// <summary>Waits until the processor has applied every accepted event of the dataset.</summary>
    public async Task WaitForProcessingAsync(string datasetId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while ((await GetJsonAsync($"api/datasets/{datasetId}/status")).GetProperty("pendingEvents").GetInt64() > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Processing of dataset {datasetId} did not catch up.");
            await Task.Delay(25);
        }
    }

    /// <summary>The dataset's events (optionally one person's), oldest first.</summary>
    public async Task<List<JsonElement>> EventsAsync(TestDataset dataset, string? userId = null)
    {
        await WaitForProcessingAsync(dataset.Id);
        var query = userId is null ? "" : "&userId=" + Uri.EscapeDataString(userId);
        var events = await GetJsonAsync($"api/datasets/{dataset.Id}/events?limit=500{query}");
        return events.EnumerateArray().OrderBy(e => e.GetProperty("sequence").GetInt64()).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle; the temp directory is cleaned by the OS eventually.
        }
    }
}
