using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Data.Storage;
using Rapport.Server;

namespace Rapport.Bench;

/// <summary>
/// Rapport started in this process on loopback with a fresh SQLite folder, an admin client and a
/// tracking client, for the benchmarks that drive the tracking API. Disposing stops the server and
/// deletes the folder.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly SocketsHttpHandler _handler;
    private bool _stopped;

    private BenchServer(WebApplication app, string dataDirectory, string adminKey)
    {
        App = app;
        DataDirectory = dataDirectory;
        AdminKey = adminKey;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
        };
        Client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Admin = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public Uri Address { get; }
    public string AdminKey { get; }
    public StorageOptions Storage => RapportServer.StorageOf(App);

    /// <summary>Sends tracking calls; <see cref="CreateDatasetAsync"/> gives it the write key.</summary>
    public HttpClient Client { get; }

    /// <summary>Sends admin API calls with the admin key.</summary>
    public HttpClient Admin { get; }

    /// <param name="processor">False leaves the background event processor out: the log is only written.</param>
    /// <param name="configure">Anything else to set on the host before it is built (log filters…).</param>
    /// <param name="map">Extra endpoints to map before the server starts.</param>
    public static async Task<BenchServer> StartAsync(bool processor, Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rapport-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var adminKey = "bench-admin-" + Guid.NewGuid().ToString("N");
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rapport:DataDirectory"] = dataDirectory,
                ["Rapport:AdminKey"] = adminKey,
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        if (!processor)
        {
            // The processor service is internal to Rapport.Server, so it is found by name.
            foreach (var service in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
                && d.ImplementationType?.Name == "EventProcessorService").ToList())
            {
                builder.Services.Remove(service);
            }
        }
        // The benchmark prints its own report; the host's start-up lines would interleave with it.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        configure?.Invoke(builder);
        var app = await RapportServer.BuildAsync(builder);
        map?.Invoke(app);
        await app.StartAsync();
        return new BenchServer(app, dataDirectory, adminKey);
    }

    /// <summary>Creates a dataset and sends <see cref="Client"/>'s tracking calls with its write key.</summary>
    public async Task<string> CreateDatasetAsync()
    {
        using var response = await Admin.PostAsync(new Uri("/api/datasets", UriKind.Relative),
            new StringContent("{\"name\":\"bench\"}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var writeKey = json.RootElement.GetProperty("writeKey").GetString()!;
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Posts a JSON body; returns "200", another status code, or the exception's name.</summary>
    public static async Task<string> SendAsync(HttpClient client, Uri uri, byte[] buffer, int length)
    {
        using var content = new ByteArrayContent(buffer, 0, length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.OK ? "200" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.GetType().Name;
        }
    }

    /// <summary>Stops the server; the folder stays until <see cref="DisposeAsync"/>, so the log can be counted.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        Client.Dispose();
        Admin.Dispose();
        _handler.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
