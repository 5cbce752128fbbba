using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Integrations;

/// <summary>
/// The Salesforce emulator on Kestrel at 127.0.0.1 and Rapport on a test server (SQLite). Rapport
/// talks to the emulator over real HTTP; a "browser" client follows the OAuth redirects from the
/// emulator's authorize page back to Rapport's callback. Each fixture has its own emulator, so
/// the classes of both databases can run side by side.
/// </summary>
public abstract class SalesforceConnectionFixture(DatabaseKind kind) : IAsyncLifetime
{
    public const string ConsumerKey = "3MVG9RapportServerTests";
    public const string ConsumerSecret = "server-tests-consumer-secret";
    public const string Username = "integration@rapport.test";
    public const string Password = "Sup3r-Secret-Pw";
    public const string SecurityToken = "TOKEN7Q2";
    public const string SalesUsername = "sam.sales@rapport.test";

    /// <summary>Rapport's test server answers on http://localhost, so that is the callback it derives.</summary>
    public const string Callback = "http://localhost/oauth/salesforce/callback";

    private WebApplication? _emulator;
    private RapportTestHost? _rapport;

    /// <summary>Rapport; on PostgreSQL without a configured server this fails (or skips) the test with the reason.</summary>
    public RapportTestHost Rapport
    {
        get
        {
            if (_rapport is null)
            {
                PostgresTestDatabase.RequireServer();
            }
            return _rapport!;
        }
    }
    public Uri EmulatorUrl { get; private set; } = null!;
    public HttpClient Controls { get; private set; } = null!;

    /// <summary>A browser stand-in for the emulator's pages: it must not follow the redirect to Rapport itself.</summary>
    public HttpClient Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = Config() });
        await _emulator.StartAsync();
        EmulatorUrl = new Uri(EmulatorApp.BaseUrl(_emulator));
        Controls = new HttpClient { BaseAddress = EmulatorUrl };
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        if (kind == DatabaseKind.Sqlite || PostgresTestDatabase.Unavailable is null)
        {
            _rapport = await RapportTestHost.StartAsync(kind);
        }
    }

    /// <summary>Creates a dataset with its connection configured against the emulator.</summary>
    public async Task<string> ConfiguredDatasetAsync()
    {
        var dataset = await Rapport.CreateDatasetAsync();
        using var response = await Rapport.Admin.PutAsJsonAsync(Path(dataset.Id),
            new { consumerKey = ConsumerKey, consumerSecret = ConsumerSecret, loginHost = EmulatorUrl.ToString() }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return dataset.Id;
    }

    public static string Path(string datasetId, string? action = null)
        => $"/api/datasets/{datasetId}/connections/salesforce" + (action is null ? "" : "/" + action);

    /// <summary>Starts the web server flow through the admin API and returns the authorize URL.</summary>
    public async Task<Uri> AuthorizeUrlAsync(string datasetId)
    {
        using var response = await Rapport.Admin.PostAsync(Path(datasetId, "authorize"), null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return new Uri(body.GetProperty("authorizeUrl").GetString()!);
    }

    /// <summary>Opens the authorize URL (auto-approved by the emulator) and returns where Salesforce sends the browser.</summary>
    public async Task<Uri> ApproveAsync(Uri authorizeUrl)
    {
        using var response = await Browser.GetAsync(authorizeUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Clicks "Deny" on the emulator's approval page.</summary>
    public async Task<Uri> DenyAsync(Uri authorizeUrl)
    {
        using var response = await Browser.PostAsync(authorizeUrl, new FormUrlEncodedContent([new("action", "deny")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Follows Salesforce's redirect into Rapport's callback, as the browser would.</summary>
    public Task<HttpResponseMessage> FollowToRapportAsync(Uri callback)
    {
        Assert.StartsWith(Callback, callback.ToString(), StringComparison.Ordinal);
        return Rapport.Client.GetAsync(callback.PathAndQuery, TestContext.Current.CancellationToken);
    }

    /// <summary>The whole web server flow: authorize → emulator approval → Rapport's callback; asserts the connected page.</summary>
    public async Task ConnectWithWebServerFlowAsync(string datasetId)
    {
        var callback = await ApproveAsync(await AuthorizeUrlAsync(datasetId));
        using var page = await FollowToRapportAsync(callback);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
    }

    public async Task ControlAsync(string path)
    {
        using var response = await Controls.PostAsync(path, null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The stored row, read straight from the database.</summary>
    public async Task<SalesforceConnectionEntity> RowAsync(string datasetId)
    {
        var contexts = Rapport.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.SalesforceConnections.AsNoTracking().SingleAsync(c => c.DatasetId == datasetId, TestContext.Current.CancellationToken);
    }

    private static EmulatorConfig Config() => new()
    {
        AutoLoginUsername = Username,
        ConnectedApps =
        [
            new EmulatorConnectedAppConfig
            {
                Name = "Rapport server tests", ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret,
                CallbackUrls = [Callback], AutoApprove = true, RefreshTokenRotation = true,
            },
        ],
        Users =
        [
            new EmulatorUserConfig
            {
                Username = Username, Password = Password, SecurityToken = SecurityToken, FirstName = "Rapport", LastName = "Integration",
                Email = Username, Permissions = [EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData],
            },
            // A salesperson editing records in Salesforce, as opposed to Rapport's integration user.
            new EmulatorUserConfig
            {
                Username = SalesUsername, Password = Password, SecurityToken = SecurityToken, FirstName = "Sam", LastName = "Sales",
                Email = SalesUsername, Permissions = [EmulatorPermissions.ApiEnabled],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Browser?.Dispose();
        Controls?.Dispose();
        if (_rapport is not null)
        {
            await _rapport.DisposeAsync();
        }
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
