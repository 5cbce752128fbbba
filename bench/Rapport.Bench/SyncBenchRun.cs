using System.Text.Json;

namespace Rapport.Bench;

/// <summary>What the benchmark reads from a finished run: time, status, API calls, push counts.</summary>
internal sealed record SyncBenchRun(double Seconds, string Status, long ApiCalls, long PushCalls, long PushUpdated, string Summary)
{
    /// <summary>CPU time Rapport's process (which also runs the benchmark's HTTP client) spent during the run.</summary>
    public double RapportCpuSeconds { get; init; }

    /// <summary>CPU time the emulator's process spent during the run.</summary>
    public double EmulatorCpuSeconds { get; init; }

    /// <summary>API call kinds that push uses; pull only queries.</summary>
    private static readonly string[] PushKinds = ["collections", "bulk", "sobject", "tooling", "describe"];

    public static SyncBenchRun From(JsonElement run, double seconds)
    {
        long pushCalls = 0;
        if (run.TryGetProperty("apiCalls", out var calls) && calls.ValueKind == JsonValueKind.Object)
        {
            foreach (var kind in calls.EnumerateObject())
            {
                if (PushKinds.Any(k => kind.Name.Contains(k, StringComparison.OrdinalIgnoreCase)))
                {
                    pushCalls += kind.Value.GetInt64();
                }
            }
        }
        long pushUpdated = 0;
        var summary = new List<string>();
        if (run.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
        {
            foreach (var type in stats.EnumerateObject())
            {
                var updated = Count(type.Value, "updated");
                if (type.Name.StartsWith("push", StringComparison.OrdinalIgnoreCase))
                {
                    pushUpdated += updated;
                }
                summary.Add($"{type.Name}: {Count(type.Value, "read")} read / {Count(type.Value, "matched")} matched / {updated} updated / {Count(type.Value, "failed")} failed");
            }
        }
        var total = run.TryGetProperty("totalApiCalls", out var t) ? t.GetInt64() : 0;
        return new SyncBenchRun(seconds, run.GetProperty("status").GetString() ?? "?", total, pushCalls, pushUpdated, string.Join("; ", summary));
    }

    private static long Count(JsonElement stats, string name)
        => stats.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
