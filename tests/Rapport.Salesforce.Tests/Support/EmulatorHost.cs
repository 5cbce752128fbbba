using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.Salesforce.Tests.Support;

/// <summary>
/// The Salesforce emulator started in-process on Kestrel at <c>http://127.0.0.1:{free port}</c>,
/// and the real client wiring (<c>AddSalesforceClient</c>) pointed at it over loopback.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string ConsumerKey = "3MVG9RapportClientTests";
    public const string ConsumerSecret = "client-tests-secret";
    public const string Username = "sync@rapport.test";
    public const string Password = "Passw0rd!";
    public const string SecurityToken = "SECTOKEN42";
    public const string Callback = "http://127.0.0.1:9/oauth/salesforce/callback";

    private readonly WebApplication _app;
    private readonly ServiceProvider _services;

    private EmulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        var services = new ServiceCollection();
        services.AddSalesforceClient(o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.BulkPollInitialDelay = TimeSpan.FromMilliseconds(20);
            o.BulkPollMaxDelay = TimeSpan.FromMilliseconds(200);
        });
        _services = services.BuildServiceProvider();
        Controls = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary>A plain client for the <c>/__emulator</c> controls.</summary>
    public HttpClient Controls { get; }

    public ISalesforceClientFactory Factory => _services.GetRequiredService<ISalesforceClientFactory>();

    /// <summary>Username-password connection options for the integration user.</summary>
    public SalesforceConnectionOptions PasswordOptions => new()
    {
        LoginUrl = BaseUrl,
        ConsumerKey = ConsumerKey,
        ConsumerSecret = ConsumerSecret,
        Username = Username,
        Password = Password,
        SecurityToken = SecurityToken,
    };

    /// <summary>Options for the web server flow (no password: refresh tokens only).</summary>
    public SalesforceConnectionOptions WebOptions => new() { LoginUrl = BaseUrl, ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret };

    public static async Task<EmulatorHost> StartAsync()
    {
        var app = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = Config() });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new EmulatorHost(app, new Uri(EmulatorApp.BaseUrl(app)));
    }

    /// <summary>A client logged in with the username-password flow.</summary>
    public SalesforceClient PasswordClient(ApiCallCounter? calls = null) => Factory.Create(PasswordOptions, new InMemorySalesforceTokenStore(), calls);

    /// <summary>Runs the web server flow against the auto-approving connected app and returns the tokens.</summary>
    public async Task<SalesforceTokenSet> WebServerLoginAsync()
    {
        var callback = new Uri(Callback);
        var start = SalesforceOAuthClient.BeginAuthorization(WebOptions, callback, loginHint: Username);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await browser.GetAsync(start.Url, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, redirect.StatusCode);
        var query = Form.Parse(redirect.Headers.Location!.Query);
        var code = SalesforceOAuthClient.ReadCallback(query.GetValueOrDefault("code"), query.GetValueOrDefault("state"),
            query.GetValueOrDefault("error"), query.GetValueOrDefault("error_description"), start.State);
        return await Factory.CreateOAuthClient().ExchangeCodeAsync(WebOptions, code, callback, start.CodeVerifier, TestContext.Current.CancellationToken);
    }

    public async Task ControlAsync(string path, object? body = null)
    {
        using var response = await Controls.PostAsync(path, body is null ? null : JsonContent.Create(body), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ControlPutAsync(string path, object body)
    {
        using var response = await Controls.PutAsync(path, JsonContent.Create(body), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many Salesforce requests the emulator's journal has seen.</summary>
    public async Task<int> JournalTotalAsync()
    {
        using var response = await Controls.GetAsync("/__emulator/requests", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("totalRequests").GetInt32();
    }

    private static EmulatorConfig Config() => new()
    {
        ConnectedApps =
        [
            new EmulatorConnectedAppConfig
            {
                Name = "Rapport client tests",
                ConsumerKey = ConsumerKey,
                ConsumerSecret = ConsumerSecret,
                CallbackUrls = [Callback],
                AutoApprove = true,
                RefreshTokenRotation = true,
            },
        ],
        Users =
        [
            new EmulatorUserConfig
            {
                Username = Username, Password = Password, SecurityToken = SecurityToken, FirstName = "Sync", LastName = "User",
                Email = "sync@rapport.test",
                Permissions = [EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        Controls.Dispose();
        await _services.DisposeAsync();
        await _app.DisposeAsync();
    }
}
