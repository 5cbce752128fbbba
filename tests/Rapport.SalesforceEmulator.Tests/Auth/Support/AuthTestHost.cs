using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Tests.Auth.Support;

/// <summary>
/// A minimal emulator host on TestServer: the auth wiring plus a few stand-in Salesforce
/// resources (<c>/services/data/v60.0/ping</c>, a version list and an Account insert), over
/// a fake base clock.
/// </summary>
public sealed class AuthTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private AuthTestHost(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    /// <summary>The base clock under the emulator clock.</summary>
    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AuthTestHost> StartAsync(EmulatorConfig? config = null, int journalCapacity = 10_000)
    {
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddEmulatorAuth(new EmulatorAuthOptions
        {
            Config = config ?? TestOrg.Create(),
            BaseTimeProvider = time,
            JournalCapacity = journalCapacity,
        });
        var app = builder.Build();
        app.UseEmulatorAuth();
        app.MapEmulatorAuth();
        app.MapGet("/services/data", () => TypedResults.Json(new[] { new { version = "60.0", url = "/services/data/v60.0" } }));
        app.MapGet("/services/data/v60.0/ping", (HttpContext context) =>
        {
            var session = context.Features.Get<IEmulatorSession>()!;
            return TypedResults.Json(new
            {
                session.OrganizationId,
                session.UserId,
                session.Username,
                modifyAllData = session.HasPermission(EmulatorPermissions.ModifyAllData),
            });
        });
        app.MapPost("/services/data/v60.0/sobjects/Account", () => TypedResults.Json(new { id = "001000000000001AAA", success = true, errors = Array.Empty<object>() }, statusCode: 201));
        await app.StartAsync();
        return new AuthTestHost(app, time);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task<TokenResult> TokenAsync(params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await Client.PostAsync("/services/oauth2/token", content, TestContext.Current.CancellationToken);
        return await ReadTokenResultAsync(response);
    }

    public static async Task<TokenResult> ReadTokenResultAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new TokenResult(response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>The username-password flow for the main integration user.</summary>
    public Task<TokenResult> PasswordLoginAsync(string username = TestOrg.Username, string password = TestOrg.Password + TestOrg.SecurityToken) =>
        TokenAsync(("grant_type", "password"), ("client_id", TestOrg.ClientId), ("client_secret", TestOrg.ClientSecret),
            ("username", username), ("password", password));

    public async Task<string> AccessTokenAsync(string username = TestOrg.Username)
    {
        var result = await PasswordLoginAsync(username, username == TestOrg.Username ? TestOrg.Password + TestOrg.SecurityToken : TestOrg.Password);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        return result.AccessToken;
    }

    /// <summary>Runs the authorize step through the auto-approve app and returns the code from the callback.</summary>
    public async Task<string> AutoApprovedCodeAsync(string? codeChallenge = null, string clientId = TestOrg.AutoClientId, string username = TestOrg.Username)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = TestOrg.CallbackUrl,
            ["login_hint"] = username,
        };
        if (codeChallenge is not null)
        {
            query["code_challenge"] = codeChallenge;
            query["code_challenge_method"] = "S256";
        }
        using var response = await Client.GetAsync(QueryHelpers.AddQueryString("/services/oauth2/authorize", query), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Callback(response)["code"];
    }

    /// <summary>Logs in on the authorize page (POST) for the plain app and returns the callback redirect.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(IDictionary<string, string> fields, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/authorize")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Dictionary<string, string> Callback(HttpResponseMessage redirect)
    {
        var location = redirect.Headers.Location!;
        Assert.StartsWith(TestOrg.CallbackUrl, location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? accessToken, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, accessToken);
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PingAsync(string? accessToken) => GetAsync("/services/data/v60.0/ping", accessToken);

    public async Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        return response;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();

    /// <summary>The REST error body's single errorCode.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        return body[0].GetProperty("errorCode").GetString();
    }

    public static (string Verifier, string Challenge) NewPkcePair()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
