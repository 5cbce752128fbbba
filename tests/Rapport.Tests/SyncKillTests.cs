using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Events;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Storage;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary>
/// Issue 4's "a kill and restart mid-run", for real: <c>rapport sync now</c> as a child process is
/// SIGKILLed after it checkpointed part of a pull, and the next <c>rapport sync now</c> closes the
/// dead run and resumes from the checkpoint with nothing lost and nothing duplicated.
/// </summary>
public sealed class SyncKillTests : IAsyncLifetime
{
    private const string ConsumerKey = "3MVG9RapportKillTests";
    private const string ConsumerSecret = "kill-tests-consumer-secret";
    private const string Username = "integration@kill.test";
    private const string Password = "Kill-Test-Pw1";
    private const string SecurityToken = "TOKENK1";

    /// <summary>Two query pages (the connector reads 2,000 records a page): the run is killed while it fetches the second.</summary>
    private const int SeededContacts = 2600;

    private readonly RapportCli _cli = new();
    private WebApplication _emulator = null!;
    private HttpClient _controls = null!;
    private ServiceProvider _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = Config(), Seed = SeededContacts });
        await _emulator.StartAsync(Ct);
        _controls = new HttpClient { BaseAddress = new Uri(EmulatorApp.BaseUrl(_emulator)), Timeout = TimeSpan.FromSeconds(60) };
        // Both `sync now` children and the test agree on a lease short enough to expire within the test.
        _cli.Environment["RAPPORT_SYNC__HEARTBEAT_SECONDS"] = "0.5";
        _cli.Environment["RAPPORT_SYNC__STALE_AFTER_SECONDS"] = "2";
        // Only the setup uses `rapport serve`; the connection is paused, so Quartz would only cost start-up time.
        _cli.Environment["RAPPORT_SYNC__SCHEDULES"] = "false";
    }

    [Fact]
    public async Task SyncNow_KilledAfterAPageWasCheckpointed_NextRunClosesItAsInterruptedAndResumesWithoutLossOrDuplicates()
    {
        var datasetId = await ConnectedDatasetAsync();
        _database = new ServiceCollection().AddRapportData(StorageOptions.Resolve(null, _cli.DataDirectory)).BuildServiceProvider();
        var contexts = _database.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        var connectionId = await QueryAsync(contexts, db => db.SalesforceConnections.Where(c => c.DatasetId == datasetId).Select(c => c.Id).SingleAsync(Ct));
        // Every Salesforce API call waits a second, so the run is still fetching its second page when the test sees the first checkpoint.
        await ControlAsync(HttpMethod.Put, "/__emulator/faults", new { latencyMs = 1000, pathPrefix = "/services/data/" });

        string checkpoint;
        using (var first = Process.Start(_cli.StartInfo("sync", "now", "--dataset", datasetId, "--data", _cli.DataDirectory))!)
        {
            var output = Capture(first);
            try
            {
                checkpoint = await EventuallyAsync("The first run's first pull checkpoint", async () =>
                {
                    if (first.HasExited)
                    {
                        lock (output)
                        {
                            Assert.Fail("the first run finished before it could be killed: " + output);
                        }
                    }
                    var position = await QueryAsync(contexts, db => db.SyncCursors
                        .Where(c => c.ConnectionId == connectionId && c.Name == "pull:Contact").Select(c => c.Position).SingleOrDefaultAsync(Ct));
                    return (position is not null, position!);
                });
                first.Kill(entireProcessTree: false); // SIGKILL: no finally blocks, no lease release, no run summary
                await first.WaitForExitAsync(Ct);
            }
            finally
            {
                if (!first.HasExited)
                {
                    first.Kill(entireProcessTree: true);
                }
            }
            Assert.Equal(137, first.ExitCode);
        }
        await ControlAsync(HttpMethod.Delete, "/__emulator/faults", null);
        var dead = await QueryAsync(contexts, db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.ConnectionId == connectionId, Ct));
        Assert.Equal(SyncRunStatus.Running, dead.Status);
        // The lease runs out 2 s after the last heartbeat; only then may the next run take over.
        await EventuallyAsync("The dead run's lease expiry", async () =>
        {
            var heartbeat = await QueryAsync(contexts, db => db.SyncRuns.Where(r => r.Id == dead.Id).Select(r => r.HeartbeatAt).SingleAsync(Ct));
            return (heartbeat < DateTime.UtcNow.AddSeconds(-2.5), true);
        });
        var status = await _cli.RunAsync("sync", "status", "--dataset", datasetId, "--data", _cli.DataDirectory);
        Assert.True(status.ExitCode == 0, status.All);
        Assert.Contains("Stalled", status.Stdout, StringComparison.Ordinal);

        var second = await _cli.RunAsync("sync", "now", "--dataset", datasetId, "--data", _cli.DataDirectory);

        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("Succeeded", second.Stdout, StringComparison.Ordinal);
        var runs = await QueryAsync(contexts, db => db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connectionId).OrderBy(r => r.Id).ToListAsync(Ct));
        Assert.Equal(2, runs.Count);
        Assert.Equal(SyncRunStatus.Interrupted, runs[0].Status);
        Assert.NotNull(runs[0].EndedAt);
        Assert.Contains("resumed from the last checkpoint", runs[0].Message, StringComparison.Ordinal);
        Assert.Equal(SyncRunStatus.Succeeded, runs[1].Status);

        var contacts = await LiveContactsAsync();
        var emails = contacts.Where(c => c.Email is not null).Select(c => c.Email!).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var read = JsonDocument.Parse(runs[1].Stats).RootElement.GetProperty("pull:Contact").GetProperty("read").GetInt64();
        Assert.True(read < contacts.Count / 2, $"the second run read {read} of {contacts.Count} contacts: it started over instead of resuming from {checkpoint}");

        // Nothing lost: every contact's email became one profile linked to one contact. Nothing duplicated:
        // no record or profile linked twice, one CRM update per record and modstamp, one profile per email.
        var links = await QueryAsync(contexts, db => db.CrmLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.ObjectType == "Contact").ToListAsync(Ct));
        Assert.All(links, l => Assert.False(l.Deleted));
        Assert.Empty(links.GroupBy(l => l.RecordId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(links.GroupBy(l => l.ProfileKey).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.True(emails.SetEquals(links.Select(l => l.ProfileKey)), $"{emails.Count} emails, {links.Count} links");
        var contactIds = contacts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(links, l => Assert.Contains(l.RecordId, contactIds));
        var updates = await QueryAsync(contexts, db => db.Events.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.Type == (int)EventType.CrmUpdate).Select(e => e.MessageId).ToListAsync(Ct));
        Assert.Empty(updates.GroupBy(RecordAndModstamp).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(links.Count, updates.Count);
        var profiles = await QueryAsync(contexts, db => db.Profiles.AsNoTracking().Where(p => p.DatasetId == datasetId).Select(p => p.UserId).ToListAsync(Ct));
        Assert.Equal(emails.Order(StringComparer.Ordinal), profiles.Order(StringComparer.Ordinal));
    }

    /// <summary>A dataset whose connection (password flow) pulls contacts into new profiles keyed by email, set up through <c>rapport serve</c>'s admin API.</summary>
    private async Task<string> ConnectedDatasetAsync()
    {
        using var serve = await _cli.StartServeAsync();
        var dataset = await AdminAsync(serve, HttpMethod.Post, "/api/datasets", new { name = "Kill" });
        var id = dataset.GetProperty("id").GetString()!;
        var connection = $"/api/datasets/{id}/connections/salesforce";
        await AdminAsync(serve, HttpMethod.Put, connection, new { consumerKey = ConsumerKey, consumerSecret = ConsumerSecret, loginHost = _controls.BaseAddress!.ToString() });
        await AdminAsync(serve, HttpMethod.Post, connection + "/password-login", new { username = Username, password = Password, securityToken = SecurityToken });
        await AdminAsync(serve, HttpMethod.Put, connection + "/sync-settings", new
        {
            pull = new
            {
                mode = "CreateMissing",
                recordTypes = new object[]
                {
                    new { objectType = "Contact", kind = "Contact", enabled = true, mappings = new[] { new { field = "Title", attribute = "title" } } },
                },
            },
            activities = new { enabled = false },
            schedule = new { nightlyEnabled = false, intervalEnabled = false },
        });
        return id;
    }

    /// <summary>Every contact the integration user can query (deleted ones excluded), through the REST API.</summary>
    private async Task<List<(string Id, string? Email)>> LiveContactsAsync()
    {
        using var token = await _controls.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = ConsumerKey, ["client_secret"] = ConsumerSecret,
            ["username"] = Username, ["password"] = Password + SecurityToken,
        }), Ct);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString();
        var contacts = new List<(string, string?)>();
        var next = "/services/data/v62.0/query?q=" + Uri.EscapeDataString("SELECT Id, Email FROM Contact");
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await _controls.SendAsync(request, Ct);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(response.IsSuccessStatusCode, page.ToString());
            contacts.AddRange(page.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("Id").GetString()!, r.GetProperty("Email").GetString())));
            next = page.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }
        return contacts;
    }

    /// <summary><c>sf:&lt;record id&gt;:&lt;modstamp ticks&gt;</c> of a CRM update's message id (the digest after it differs per payload).</summary>
    private static string RecordAndModstamp(string messageId) => messageId[..messageId.LastIndexOf(':')];

    private static async Task<T> QueryAsync<T>(IDbContextFactory<RapportDbContext> contexts, Func<RapportDbContext, Task<T>> query)
    {
        await using var db = await contexts.CreateDbContextAsync(Ct);
        return await query(db);
    }

    private static async Task<JsonElement> AdminAsync(ServeProcess serve, HttpMethod method, string path, object body)
    {
        using var response = await serve.Admin.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task ControlAsync(HttpMethod method, string path, object? body)
    {
        using var response = await _controls.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static StringBuilder Capture(Process process)
    {
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Polls until the probe says it is done, failing the test after two minutes (generous: CI machines are shared).</summary>
    private static async Task<T> EventuallyAsync<T>(string what, Func<Task<(bool Done, T Value)>> probe)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, what + " did not happen within two minutes.");
            await Task.Delay(25, Ct);
        }
    }

    private static EmulatorConfig Config() => new()
    {
        ConnectedApps = [new EmulatorConnectedAppConfig { Name = "Rapport kill tests", ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret }],
        Users =
        [
            new EmulatorUserConfig
            {
                Username = Username, Password = Password, SecurityToken = SecurityToken, FirstName = "Rapport", LastName = "Integration",
                Email = Username, Permissions = [EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        _controls?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        _cli.Dispose();
    }
}
