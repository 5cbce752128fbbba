using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.Bench;

/// <summary>
/// The emulator scenario: seed 1,000,000 contacts (100,000 with <c>--quick</c>), then over real HTTP
/// on loopback measure a 2,000-row query page and single-record reads per second from concurrent
/// clients, and the process's peak resident memory. Targets (issue 3): seed ≤ 60 s and ≤ 2 GB, page
/// ≤ 100 ms, ≥ 2,000 reads/s. The last line printed is one JSON object.
/// </summary>
public static class EmulatorBenchmark
{
    private const string Soql = "SELECT Id, FirstName, LastName, Email, AccountId, SystemModstamp FROM Contact";

    // What Rapport's Salesforce reader (SalesforceReader.Build) sends: a first pull reads everything
    // in SystemModstamp, Id order; later pulls add the cursor and the overlap window.
    private const string SyncSoql = "SELECT Id, CreatedDate, SystemModstamp, FirstName, LastName, Email, AccountId FROM Contact";
    private const string SyncOrder = " ORDER BY SystemModstamp ASC, Id ASC";

    /// <summary>Runs the scenario; returns 0 when every target is met, 1 otherwise.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var contacts = quick ? 100_000 : 1_000_000;
        var readSeconds = quick ? 3 : 5;
        var clients = Math.Max(8, Environment.ProcessorCount * 2);
        var defaults = EmulatorConfig.CreateDefault();
        // A benchmark makes far more calls than the default daily allocation allows.
        var config = new EmulatorConfig { ConnectedApps = defaults.ConnectedApps, Users = defaults.Users, DailyApiRequests = int.MaxValue };

        await using var app = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = config });
        await app.StartAsync();
        var baseUrl = EmulatorApp.BaseUrl(app);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"emulator at {baseUrl}; seeding {contacts:N0} contacts");

        // Seed through the control endpoint, as a demo or test would.
        var seedWatch = Stopwatch.StartNew();
        using (var seed = await http.PostAsJsonAsync("/__emulator/data/seed", new { contacts, accounts = contacts / 100, leads = 0, opportunities = 0 }))
        {
            seed.EnsureSuccessStatusCode();
        }
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"seed: {seedSeconds:F2} s");

        var connectedApp = config.ConnectedApps[0];
        var user = config.Users[0];
        await BenchSalesforce.LoginAsync(http, connectedApp.ConsumerKey, connectedApp.ConsumerSecret, user.Username, user.Password + user.SecurityToken);

        // The query path's code is compiled on first use; warm it on another object so the page
        // times below measure the scan and paging, not the JIT.
        await BenchSalesforce.GetJsonAsync(http, $"/services/data/v66.0/query?q={Uri.EscapeDataString("SELECT Id, Name FROM Account LIMIT 10")}");

        // First page (scans every contact) and then the pages behind the query locator.
        var pageTimes = new List<double>();
        var ids = new List<string>();
        var watch = Stopwatch.StartNew();
        var page = await BenchSalesforce.GetJsonAsync(http, $"/services/data/v66.0/query?q={Uri.EscapeDataString(Soql)}");
        var firstPageMs = watch.Elapsed.TotalMilliseconds;
        Collect(page, ids);
        for (var i = 0; i < 20 && page.TryGetProperty("nextRecordsUrl", out var next) && next.ValueKind == JsonValueKind.String; i++)
        {
            watch.Restart();
            page = await BenchSalesforce.GetJsonAsync(http, next.GetString()!);
            pageTimes.Add(watch.Elapsed.TotalMilliseconds);
            Collect(page, ids);
        }
        pageTimes.Sort();
        var pageMs = pageTimes.Count > 0 ? pageTimes[pageTimes.Count / 2] : firstPageMs;
        Console.WriteLine($"query page (2,000 rows): first page {firstPageMs:F1} ms (includes the scan of every contact), next pages median {pageMs:F1} ms, p95 {Percentile(pageTimes, 0.95):F1} ms");

        // Warm up, then read records by id from concurrent clients for a fixed time.
        await ReadLoopAsync(http, ids, clients, TimeSpan.FromSeconds(1));
        var reads = await ReadLoopAsync(http, ids, clients, TimeSpan.FromSeconds(readSeconds));
        var readsPerSecond = reads / (double)readSeconds;
        Console.WriteLine($"single-record reads: {readsPerSecond:F0}/s with {clients} concurrent clients");

        // A sync's pulls: the first one over every contact, then, after 2,000 contacts changed, an
        // incremental one with the reader's overlap clause.
        var syncFirstMs = await TimeFirstPageAsync(http, SyncSoql + SyncOrder);
        var cursor = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1);
        var users = await BenchSalesforce.GetJsonAsync(http, $"/services/data/v66.0/query?q={Uri.EscapeDataString($"SELECT Id FROM User WHERE Username = '{user.Username}'")}");
        var ownId = users.GetProperty("records")[0].GetProperty("Id").GetString();
        var changed = ids.Take(2000).Select(id => (id, new Dictionary<string, object?> { ["Title"] = "Changed" })).ToList();
        await BenchSalesforce.UpdateAsync(http, "Contact", changed);
        var since = cursor.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var overlap = cursor.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var syncNextMs = await TimeFirstPageAsync(http,
            $"{SyncSoql} WHERE (SystemModstamp > {since} OR (SystemModstamp >= {overlap} AND LastModifiedById != '{ownId}')){SyncOrder}");
        Console.WriteLine($"sync pulls (first 2,000-row page): full {syncFirstMs:F1} ms, incremental after 2,000 changes {syncNextMs:F1} ms");

        var peakMb = PeakRssMb();
        Console.WriteLine($"peak RSS: {peakMb:F0} MB");
        await app.StopAsync();

        var worstPageMs = Math.Max(firstPageMs, pageMs);
        var met = seedSeconds <= 60 && peakMb <= 2048 && worstPageMs <= 100 && readsPerSecond >= 2000;
        Console.WriteLine(met ? "all targets met" : "a target was missed");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"scenario\":\"emulator\",\"records\":{contacts},\"seed_s\":{seedSeconds:F2},\"page_ms\":{worstPageMs:F1},\"first_page_ms\":{firstPageMs:F1},\"next_page_ms\":{pageMs:F1},\"sync_full_page_ms\":{syncFirstMs:F1},\"sync_incremental_page_ms\":{syncNextMs:F1},\"reads_per_s\":{readsPerSecond:F0},\"peak_rss_mb\":{peakMb:F0}}}"));
        return met ? 0 : 1;
    }

    private static async Task<double> TimeFirstPageAsync(HttpClient http, string soql)
    {
        var watch = Stopwatch.StartNew();
        var page = await BenchSalesforce.GetJsonAsync(http, $"/services/data/v66.0/query?q={Uri.EscapeDataString(soql)}");
        var ms = watch.Elapsed.TotalMilliseconds;
        if (page.GetProperty("records").GetArrayLength() == 0)
        {
            throw new InvalidOperationException($"The sync query returned no records: {soql}");
        }
        return ms;
    }

    private static void Collect(JsonElement page, List<string> ids)
    {
        foreach (var record in page.GetProperty("records").EnumerateArray())
        {
            ids.Add(record.GetProperty("Id").GetString()!);
        }
    }

    private static async Task<long> ReadLoopAsync(HttpClient http, List<string> ids, int clients, TimeSpan duration)
    {
        long count = 0;
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var id = ids[random.Next(ids.Count)];
                try
                {
                    using var response = await http.GetAsync($"/services/data/v66.0/sobjects/Contact/{id}", stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref count);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        await Task.WhenAll(workers);
        return count;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    // The kernel's high-water mark of resident memory (VmHWM) is the process's peak RSS.
    private static double PeakRssMb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
