using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Rapport.Bench;

/// <summary>
/// <c>sync</c> (issue 4): the emulator (its own process) holds 100,000 contacts, 20,000 accounts and
/// 50,000 leads (a tenth with <c>--quick</c>); Rapport (this process, SQLite) holds a profile for
/// every contact and lead with an email and an account for every account, all created through the
/// tracking API. Then, through the admin API only: the initial full run (pull + push), an
/// incremental run with 1% changed on each side, a run with no changes, and a push of changed
/// profiles to measure API calls per 1,000 records. Targets: full ≤ 60 s, incremental ≤ 5 s, a
/// no-change run ≤ one API call per enabled record type, ≤ 6 push calls per 1,000 records, peak
/// memory ≤ 500 MB. The last line printed is one JSON object.
/// </summary>
public static class SyncBenchmark
{
    private const int RecordTypes = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var scale = quick ? 10 : 1;
        int contacts = 100_000 / scale, accounts = 20_000 / scale, leads = 50_000 / scale;

        using var emulator = await EmulatorProcess.StartAsync();
        using var sf = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        Console.WriteLine($"Rapport sync benchmark ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} CPUs; emulator at {emulator.BaseUrl} (separate process)");
        using (var seed = await sf.PostAsJsonAsync("/__emulator/data/seed", new { contacts, accounts, leads, opportunities = 0 }))
        {
            seed.EnsureSuccessStatusCode();
        }
        await BenchSalesforce.LoginAsync(sf, emulator.ConsumerKey, emulator.ConsumerSecret, emulator.Username, emulator.Password + emulator.SecurityToken);
        Console.WriteLine($"  org      {contacts:N0} contacts, {accounts:N0} accounts, {leads:N0} leads");

        await using var rss = new RssSampler();
        await using var server = await BenchServer.StartAsync(processor: true,
            configure: b => b.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
        using var rapport = new SyncBenchRapport(server.Address.ToString(), server.AdminKey, () => emulator.CpuTime);
        await rapport.CreateDatasetAsync();

        // Profiles for every person record with an email, accounts for every account record.
        var setup = Stopwatch.StartNew();
        var people = new List<string>();
        await foreach (var record in BenchSalesforce.QueryAsync(sf, "SELECT Email FROM Contact"))
        {
            AddEmail(record, people);
        }
        await foreach (var record in BenchSalesforce.QueryAsync(sf, "SELECT Email FROM Lead"))
        {
            AddEmail(record, people);
        }
        var accountNames = new List<string>();
        await foreach (var record in BenchSalesforce.QueryAsync(sf, "SELECT Name FROM Account"))
        {
            accountNames.Add(record.GetProperty("Name").GetString()!);
        }
        await rapport.IdentifyAsync(people.Distinct(StringComparer.Ordinal).Select(e => (e, (object)new { email = e, plan = "free" })));
        await rapport.GroupAsync(accountNames.Distinct(StringComparer.Ordinal).Select((name, i) => ($"bench-user-{i}", $"acct-{i}", name)));
        await rapport.WaitForProcessingAsync();
        Console.WriteLine($"  profiles {people.Count:N0} people and {accountNames.Count:N0} accounts tracked in {setup.Elapsed.TotalSeconds:F1} s");
        // Rapport runs in this process: the benchmark keeps only the people it changes later, not
        // every email (about 11 MB at full size that would count as Rapport's memory).
        var changedPeople = people.Take(people.Count / 100).ToList();
        var pushed = people.Skip(people.Count / 100).Take(Math.Max(1_000, people.Count / 10)).ToList();
        people.Clear();
        people.TrimExcess();
        accountNames.Clear();
        accountNames.TrimExcess();

        await rapport.ConnectAsync(emulator);
        await rapport.PutSettingsAsync();

        // The memory target is about synchronizing: the peak from setting up (tracking every profile
        // through the API) is reported apart, and the kernel's high-water mark is reset before the runs.
        var setupPeakMb = rss.PeakMb;
        var syncRss = SyncPhaseSampler();
        // What the process holds before synchronizing (runtime, web host, caches, what setting up left):
        // the growth from here is what synchronizing itself costs.
        var syncStartMb = RssSampler.CurrentMb();

        var full = await rapport.SyncAsync("initial full run");
        // The initial push changed every linked record, so Salesforce's SystemModstamp moved on all of
        // them: the next run reads them back once (finding nothing new). That settling run is
        // reported; the incremental figure is a run in the steady state that follows.
        var settle = await rapport.SyncAsync("settling run (reads back the initial push)");
        // 1% changed on each side: CRM records edited in Salesforce, profiles changed by tracking.
        var changedContacts = new List<(string Id, Dictionary<string, object?> Fields)>();
        await foreach (var record in BenchSalesforce.QueryAsync(sf, $"SELECT Id FROM Contact WHERE Email != null LIMIT {contacts / 100}"))
        {
            changedContacts.Add((record.GetProperty("Id").GetString()!, new Dictionary<string, object?> { ["FirstName"] = "Changed" }));
        }
        await BenchSalesforce.UpdateAsync(sf, "Contact", changedContacts);
        await rapport.IdentifyAsync(changedPeople.Select(e => (e, (object)new { plan = "pro" })));
        await rapport.WaitForProcessingAsync();
        var incremental = await rapport.SyncAsync("incremental run (1% changed)");
        var nochange = await rapport.SyncAsync("run with no changes");

        // Push cost: change a pushed attribute on 10% of the profiles (below the bulk threshold in
        // the quick run, so this measures sObject Collections; the full run may go through Bulk API).
        await rapport.IdentifyAsync(pushed.Select(e => (e, (object)new { plan = "enterprise" })));
        await rapport.WaitForProcessingAsync();
        var push = await rapport.SyncAsync("push of changed profiles");
        var pushUpdated = push.PushUpdated;
        var pushCallsPer1000 = pushUpdated == 0 ? double.NaN : push.PushCalls * 1000.0 / pushUpdated;
        Console.WriteLine($"  push     {push.PushCalls} calls for {pushUpdated:N0} updated records: {pushCallsPer1000:F2} per 1,000");

        var peakMb = syncRss?.PeakMb ?? rss.PeakMb;
        Console.WriteLine($"  memory   peak RSS of Rapport's process while synchronizing {peakMb:F0} MB (from {syncStartMb:F0} MB at its start); "
            + $"{setupPeakMb:F0} MB while tracking the profiles (the emulator runs in its own process)");
        if (syncRss is not null)
        {
            Console.WriteLine($"           GC committed {syncRss.ManagedAtPeakMb:F0} MB at the sampled RSS peak, {syncRss.PeakManagedMb:F0} MB at most; "
                + $"GC heap after the last collection {GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0):F0} MB");
            Console.WriteLine($"           at the sampled peak: {syncRss.AtPeak}");
        }
        if (syncRss is not null)
        {
            await syncRss.DisposeAsync();
        }
        await server.StopAsync();

        var met = full.Seconds <= 60 && incremental.Seconds <= 5 && nochange.ApiCalls <= RecordTypes
            && pushCallsPer1000 <= 6 && peakMb <= 500;
        Console.WriteLine(met ? "all targets met" : "a target was missed");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"scenario\":\"sync\",\"contacts\":{contacts},\"accounts\":{accounts},\"leads\":{leads},\"full_s\":{full.Seconds:F2},\"incremental_s\":{incremental.Seconds:F2},\"nochange_api_calls\":{nochange.ApiCalls},\"push_calls_per_1000\":{pushCallsPer1000:F2},\"peak_rss_mb\":{peakMb:F0},\"settle_s\":{settle.Seconds:F2},\"setup_peak_rss_mb\":{setupPeakMb:F0},\"sync_start_rss_mb\":{syncStartMb:F0},\"full_cpu_s\":{full.RapportCpuSeconds:F2},\"full_emulator_cpu_s\":{full.EmulatorCpuSeconds:F2}}}"));
        return met ? 0 : 1;
    }

    /// <summary>
    /// Resets the kernel's peak-RSS mark (<c>/proc/self/clear_refs</c>, value 5) after a full GC and
    /// starts a fresh sampler, so the figure is the synchronization's own; null where that is not possible.
    /// </summary>
    private static RssSampler? SyncPhaseSampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return new RssSampler();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("  memory   cannot reset the peak-RSS mark here; the figure includes setting up");
            return null;
        }
    }

    private static void AddEmail(JsonElement record, List<string> emails)
    {
        if (record.TryGetProperty("Email", out var email) && email.ValueKind == JsonValueKind.String)
        {
            emails.Add(email.GetString()!);
        }
    }
}
