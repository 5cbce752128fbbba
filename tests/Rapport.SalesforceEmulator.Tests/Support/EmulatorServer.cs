using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.SalesforceEmulator.Tests.Support;

/// <summary>
/// The emulator running in-process on real Kestrel at <c>http://127.0.0.1:{free port}</c>, with a
/// known connected app, an admin integration user and a standard user, and a fake clock.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    public const string ConsumerKey = "3MVG9TestConsumerKey";
    public const string ConsumerSecret = "test-consumer-secret";
    public const string AdminUsername = "integration@rapport.test";
    public const string StandardUsername = "standard@rapport.test";
    public const string Password = "Passw0rd";
    public const string SecurityToken = "TOKEN123";
    public const string Version = "66.0";
    public const string CallbackUrl = "http://127.0.0.1/callback";

    private EmulatorServer(WebApplication app, string baseUrl, FakeTimeProvider clock)
    {
        App = app;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public WebApplication App { get; }

    /// <summary>The emulator's base URL (login URL and instance URL), without a trailing slash.</summary>
    public string BaseUrl { get; }

    public FakeTimeProvider Clock { get; }

    public static EmulatorConfig TestConfig() => new()
    {
        ConnectedApps =
        [
            new EmulatorConnectedAppConfig
            {
                Name = "Tests", ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret,
                CallbackUrls = [CallbackUrl], AutoApprove = true, ClientCredentialsUser = AdminUsername,
            },
        ],
        Users =
        [
            new EmulatorUserConfig
            {
                Username = AdminUsername, Password = Password, SecurityToken = SecurityToken, FirstName = "Integration", LastName = "User",
                Permissions = [EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData],
            },
            new EmulatorUserConfig
            {
                Username = StandardUsername, Password = Password, SecurityToken = SecurityToken, FirstName = "Standard", LastName = "User",
                Permissions = [EmulatorPermissions.ApiEnabled],
            },
        ],
    };

    public static async Task<EmulatorServer> StartAsync(int? seed = null, string? dataFile = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        var app = EmulatorApp.Build(new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            Config = TestConfig(),
            TimeProvider = clock,
            Seed = seed,
            DataFile = dataFile,
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new EmulatorServer(app, EmulatorApp.BaseUrl(app), clock);
    }

    /// <summary>Logs in with the username-password flow and returns the token response.</summary>
    public async Task<JsonElement> TokenAsync(string username = AdminUsername)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = ConsumerKey, ["client_secret"] = ConsumerSecret,
            ["username"] = username, ["password"] = Password + SecurityToken,
        });
        using var response = await http.PostAsync($"{BaseUrl}/services/oauth2/token", form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>An HttpClient logged in as <paramref name="username"/>, with base address <c>/services/data/v66.0/</c>.</summary>
    public async Task<HttpClient> ClientAsync(string username = AdminUsername, string version = Version)
    {
        var token = await TokenAsync(username);
        var client = new HttpClient { BaseAddress = new Uri($"{BaseUrl}/services/data/v{version}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
