using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rapport.Bench;

/// <summary>The sync benchmark's view of Rapport: its tracking and admin APIs over loopback, nothing internal.</summary>
internal sealed class SyncBenchRapport : IDisposable
{
    private readonly HttpClient _admin;
    private readonly HttpClient _tracking;
    private readonly Func<TimeSpan> _emulatorCpu;
    private string _datasetId = "";

    /// <param name="emulatorCpu">The emulator process's CPU time so far, so each run shows whose CPU it spent.</param>
    public SyncBenchRapport(string address, string adminKey, Func<TimeSpan> emulatorCpu)
    {
        _emulatorCpu = emulatorCpu;
        _admin = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        _tracking = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
    }

    private string Connection => $"/api/datasets/{_datasetId}/connections/salesforce";

    public async Task CreateDatasetAsync()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/datasets", new { name = "sync-bench" });
        _datasetId = created.GetProperty("id").GetString()!;
        _tracking.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(created.GetProperty("writeKey").GetString() + ":")));
    }

    public Task IdentifyAsync(IEnumerable<(string UserId, object Traits)> users)
        => BatchAsync(users.Select(u => (object)new { type = "identify", userId = u.UserId, traits = u.Traits }));

    public Task GroupAsync(IEnumerable<(string UserId, string GroupId, string Name)> groups)
        => BatchAsync(groups.Select(g => (object)new { type = "group", userId = g.UserId, groupId = g.GroupId, traits = new { name = g.Name } }));

    private async Task BatchAsync(IEnumerable<object> messages)
    {
        foreach (var chunk in messages.Chunk(500))
        {
            using var response = await _tracking.PostAsJsonAsync("/v1/batch", new { batch = chunk });
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Waits until the processor has applied everything accepted so far.</summary>
    public async Task WaitForProcessingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var status = await SendAsync(HttpMethod.Get, $"/api/datasets/{_datasetId}/status", null);
            if (status.TryGetProperty("pendingEvents", out var pending) && pending.GetInt64() == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The processor did not catch up within 5 minutes.");
    }

    public async Task ConnectAsync(EmulatorProcess emulator)
    {
        await SendAsync(HttpMethod.Put, Connection, new { consumerKey = emulator.ConsumerKey, consumerSecret = emulator.ConsumerSecret, loginHost = emulator.BaseUrl });
        await SendAsync(HttpMethod.Post, Connection + "/password-login",
            new { username = emulator.Username, password = emulator.Password, securityToken = emulator.SecurityToken });
    }

    /// <summary>Contacts, leads and accounts pulled by email / name; one attribute and two KPIs pushed per person, one KPI per account.</summary>
    public Task PutSettingsAsync() => SendAsync(HttpMethod.Put, Connection + "/sync-settings", new
    {
        pull = new
        {
            recordTypes = new object[]
            {
                new { objectType = "Contact", kind = "Contact", enabled = true, mappings = new[] { new { field = "FirstName", attribute = "firstName" }, new { field = "Title", attribute = "title" } } },
                new { objectType = "Lead", kind = "Lead", enabled = true, mappings = new[] { new { field = "FirstName", attribute = "firstName" }, new { field = "Company", attribute = "company" } } },
                new { objectType = "Account", kind = "Account", enabled = true, mappings = new[] { new { field = "Industry", attribute = "industry" } } },
            },
        },
        push = new
        {
            userFields = new object[] { new { name = "plan", source = "Attribute" }, new { name = "sessions", source = "Kpi" }, new { name = "lastSeen", source = "Kpi" } },
            accountFields = new object[] { new { name = "sessions", source = "Kpi" } },
        },
        activities = new { enabled = false },
        schedule = new { nightlyEnabled = false, intervalEnabled = false },
    });

    /// <summary>Synchronize now, then wait for the run to end; prints and returns its figures.</summary>
    public async Task<SyncBenchRun> SyncAsync(string label)
    {
        // Wall time on a shared machine says little alone: CPU time per process shows where the run's work went.
        var rapportCpu = RapportCpu();
        var emulatorCpu = _emulatorCpu();
        var watch = Stopwatch.StartNew();
        var started = await SendAsync(HttpMethod.Post, Connection + "/sync", null);
        var runId = (started.TryGetProperty("runId", out var id) ? id : started.GetProperty("id")).GetInt64();
        JsonElement run;
        while (true)
        {
            run = await SendAsync(HttpMethod.Get, $"{Connection}/runs/{runId}", null);
            var status = run.GetProperty("status").GetString();
            if (status is not ("Running" or "running"))
            {
                break;
            }
            await Task.Delay(50);
        }
        var result = SyncBenchRun.From(run, watch.Elapsed.TotalSeconds) with
        {
            RapportCpuSeconds = (RapportCpu() - rapportCpu).TotalSeconds,
            EmulatorCpuSeconds = (_emulatorCpu() - emulatorCpu).TotalSeconds,
        };
        Console.WriteLine($"  {label,-32} {result.Seconds,7:F2} s  (CPU: Rapport {result.RapportCpuSeconds:F2} s, emulator {result.EmulatorCpuSeconds:F2} s)  "
            + $"{result.Status,-10} {result.ApiCalls,5} API calls  {result.Summary}");
        return result;
    }

    private static TimeSpan RapportCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }
        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _tracking.Dispose();
    }
}
