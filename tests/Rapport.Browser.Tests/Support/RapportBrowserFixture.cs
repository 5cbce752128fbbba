using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.Server;
using Rapport.Server.Console.Accounts;

namespace Rapport.Browser.Tests.Support;

/// <summary>
/// Shared by every browser test (an assembly fixture): Rapport on Kestrel at 127.0.0.1 on a free
/// port with SQLite in a fresh data directory, the Salesforce emulator on its own port (its
/// connected app accepts Rapport's callback URL), a customer <see cref="TestSite"/>, and one
/// headless Chromium driven by Playwright. Tests create the datasets they assert on and open a
/// <see cref="BrowserSession"/> each, a private browser context with its own cookies.
/// </summary>
public sealed class RapportBrowserFixture : IAsyncLifetime
{
    public const string AdminKey = "browser-tests-admin-key";

    /// <summary>The console account the tests sign in with (created at start, next to the generated "admin").</summary>
    public const string ConsoleUserName = "browser-admin";

    /// <summary>Its password.</summary>
    public const string ConsolePassword = "browser tests sign in 42";

    private readonly SemaphoreSlim _browserLock = new(1, 1);
    private WebApplication? _rapport;
    private WebApplication? _emulator;
    private TestSite? _site;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _dataDirectory = "";

    /// <summary>Rapport's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri RapportUrl { get; private set; } = null!;

    /// <summary>Rapport's services, for what a test sets up outside the browser (a console account of its own).</summary>
    public IServiceProvider RapportServices => _rapport!.Services;

    /// <summary>The emulator's address; its default connected app and user are in <see cref="Emulator"/>.</summary>
    public Uri EmulatorUrl { get; private set; } = null!;

    /// <summary>The emulator's connected app (consumer key and secret) and integration user.</summary>
    public EmulatorConfig Emulator { get; private set; } = null!;

    /// <summary>The customer site whose pages carry the snippet.</summary>
    public TestSite Site => _site!;

    /// <summary>Every tracking request Rapport received, with how the browser sent it.</summary>
    public TrackingRequestLog Tracking { get; } = new();

    /// <summary>A client of Rapport's admin API, sending the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A client of the emulator (its <c>/__emulator</c> controls and Salesforce APIs), no credentials.</summary>
    public HttpClient EmulatorClient { get; private set; } = null!;

    /// <summary>The emulator's integration user (username, password, security token).</summary>
    public EmulatorUserConfig EmulatorUser => Emulator.Users[0];

    /// <summary>The emulator's connected app (consumer key and secret).</summary>
    public EmulatorConnectedAppConfig ConnectedApp => Emulator.ConnectedApps[0];

    /// <summary>Where screenshots are written: <c>RAPPORT_BROWSER_ARTIFACTS</c>, else <c>TestResults/screenshots</c> at the repository root.</summary>
    public static string ArtifactsDirectory { get; } = FindArtifactsDirectory();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _dataDirectory = Path.Combine(Path.GetTempPath(), "rapport-browser-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rapport:AdminKey"] = AdminKey,
                ["Rapport:DataDirectory"] = _dataDirectory,
                ["Rapport:ProcessorPollMilliseconds"] = "100",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Services.AddSingleton<IStartupFilter>(Tracking);
            if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOGS") != "1")
            {
                b.Logging.ClearProviders();
            }
        });
        _rapport = await RapportServer.BuildAsync(builder, cancellationToken);
        await _rapport.StartAsync(cancellationToken);
        RapportUrl = new Uri(AddressOf(_rapport) + "/");
        Admin = new HttpClient { BaseAddress = RapportUrl };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        await _rapport.Services.GetRequiredService<AdminAccounts>().CreateAsync(ConsoleUserName, ConsolePassword, cancellationToken);

        // Started after Rapport: the connected app must list Rapport's callback, whose port is only known now.
        Emulator = EmulatorConfigFor(new Uri(RapportUrl, "oauth/salesforce/callback"));
        _emulator = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = Emulator });
        await _emulator.StartAsync(cancellationToken);
        EmulatorUrl = new Uri(EmulatorApp.BaseUrl(_emulator) + "/");
        EmulatorClient = new HttpClient { BaseAddress = EmulatorUrl };

        _site = await TestSite.StartAsync(RapportUrl.ToString().TrimEnd('/'), cancellationToken);
    }

    /// <summary>
    /// Opens a private browser context and page for the current test, whose screenshots go to
    /// <c>{ArtifactsDirectory}/{test}/</c>. Fails the test, naming the fix, when Chromium is missing.
    /// </summary>
    public async Task<BrowserSession> OpenSessionAsync()
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        return await BrowserSession.StartAsync(context, ArtifactsDirectory);
    }

    private async Task<IBrowser> BrowserAsync()
    {
        var executable = Chromium.ExecutablePath;
        if (Chromium.MissingReason(executable) is { } reason)
        {
            Assert.Fail(reason);
        }
        await _browserLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }
            // The machine is shared and often busy: a page may take seconds to answer, which is slow, not wrong.
            Assertions.SetDefaultExpectTimeout(15_000);
            // Playwright's driver never needs a browser of its own here; make sure nothing tries to fetch one.
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright ??= await Playwright.CreateAsync();
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(executable));
            }
            catch (PlaywrightException e)
            {
                Assert.Fail($"Chromium at {executable} did not start: {e.Message}");
            }
            return _browser!;
        }
        finally
        {
            _browserLock.Release();
        }
    }

    /// <summary>Creates a dataset (a fresh one per test, so tests never see each other's data).</summary>
    public async Task<TestDataset> CreateDatasetAsync()
    {
        using var response = await Admin.PostAsJsonAsync("api/datasets", new { name = "browser-" + Guid.NewGuid().ToString("N")[..10] },
            TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating a dataset answered {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return new TestDataset(json.GetProperty("id").GetString()!, json.GetProperty("writeKey").GetString()!);
    }

    /// <summary>GETs an admin API path and asserts a 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Admin.GetAsync(path.TrimStart('/'), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 }).RootElement.Clone();
    }

    /// <summary>The profile of a user id or anonymous id, as the admin API shows it.</summary>
    public Task<JsonElement> ProfileAsync(TestDataset dataset, string id)
        => GetJsonAsync($"api/datasets/{dataset.Id}/profiles/{Uri.EscapeDataString(id)}");

    /// <summary>
    /// Polls a person's stored events (by user id or anonymous id, oldest first) until
    /// <paramref name="done"/> holds, then waits for the processor so profiles reflect them.
    /// The browser sends on its own schedule, so the wait is bounded, and a timeout fails with what did arrive.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(TestDataset dataset, string personId,
        Func<IReadOnlyList<JsonElement>, bool> done, string expectation)
    {
        // Generous: the tests run four at a time on a shared two-core machine, beside other test projects.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = (await GetJsonAsync($"api/datasets/{dataset.Id}/events?limit=500&userId={Uri.EscapeDataString(personId)}"))
                .EnumerateArray().OrderBy(e => e.GetProperty("sequence").GetInt64()).ToList();
            if (done(events))
            {
                await WaitForProcessingAsync(dataset, deadline);
                return events;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                var seen = string.Join(", ", events.Select(e => $"{e.GetProperty("type").GetString()} {e.GetProperty("name").GetString()}"));
                Assert.Fail($"Expected {expectation} for {personId}; Rapport stored [{seen}].");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the processor has applied every event of <paramref name="dataset"/> to its profiles.</summary>
    public Task WaitForProcessingAsync(TestDataset dataset) => WaitForProcessingAsync(dataset, DateTimeOffset.UtcNow.AddSeconds(30));

    /// <summary>Sends <paramref name="body"/> to the tracking API (<c>/v1/identify</c>, <c>/v1/group</c>…) with the dataset's write key, as a server-side SDK would.</summary>
    public async Task TrackAsync(TestDataset dataset, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(RapportUrl, path.TrimStart('/'))) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(dataset.WriteKey + ":")));
        using var client = new HttpClient();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Calls Rapport's admin API and asserts success; the JSON answer, or default when there is none.</summary>
    public Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null) => SendAsync(Admin, method, path, body);

    /// <summary>Calls the emulator (its <c>/__emulator</c> controls) and asserts success; the JSON answer, or default when there is none.</summary>
    public Task<JsonElement> EmulatorAsync(HttpMethod method, string path, object? body = null) => SendAsync(EmulatorClient, method, path, body);

    /// <summary>
    /// A record read through the emulator's Salesforce REST API as the integration user (password
    /// grant), so only what that user may see: what an admin would find in Salesforce.
    /// </summary>
    public async Task<JsonElement> SalesforceRecordAsync(string type, string id)
    {
        var token = await SendAsync(EmulatorClient, new HttpRequestMessage(HttpMethod.Post, "services/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = ConnectedApp.ConsumerKey,
                ["client_secret"] = ConnectedApp.ConsumerSecret,
                ["username"] = EmulatorUser.Username,
                ["password"] = EmulatorUser.Password + EmulatorUser.SecurityToken,
            }),
        });
        var request = new HttpRequestMessage(HttpMethod.Get, $"services/data/v62.0/sobjects/{type}/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return await SendAsync(EmulatorClient, request);
    }

    private static Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
        => SendAsync(client, new HttpRequestMessage(method, path.TrimStart('/')) { Content = body is null ? null : JsonContent.Create(body) });

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private async Task WaitForProcessingAsync(TestDataset dataset, DateTimeOffset deadline)
    {
        while ((await GetJsonAsync($"api/datasets/{dataset.Id}/status")).GetProperty("pendingEvents").GetInt64() > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Processing of dataset {dataset.Id} did not catch up.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The first address a started app listens on, without a trailing slash.</summary>
    public static string AddressOf(WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static EmulatorConfig EmulatorConfigFor(Uri rapportCallback)
    {
        var defaults = EmulatorConfig.CreateDefault();
        var app = defaults.ConnectedApps[0];
        return new EmulatorConfig
        {
            ConnectedApps =
            [
                new EmulatorConnectedAppConfig
                {
                    Name = app.Name,
                    ConsumerKey = app.ConsumerKey,
                    ConsumerSecret = app.ConsumerSecret,
                    CallbackUrls = [rapportCallback.ToString()],
                    AutoApprove = app.AutoApprove,
                    ClientCredentialsUser = app.ClientCredentialsUser,
                },
            ],
            Users = defaults.Users,
        };
    }

    private static string FindArtifactsDirectory()
    {
        if (Environment.GetEnvironmentVariable("RAPPORT_BROWSER_ARTIFACTS") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rapport.slnx")))
            {
                return Path.Combine(directory.FullName, "TestResults", "screenshots");
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _browserLock.Dispose();
        Admin?.Dispose();
        EmulatorClient?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
        foreach (var app in new[] { _emulator, _rapport })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
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
