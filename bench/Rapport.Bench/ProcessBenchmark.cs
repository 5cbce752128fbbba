using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Processing;

namespace Rapport.Bench;

/// <summary>
/// <c>process</c>: the event processor alone. Fills a fresh SQLite log through the tracking API with
/// the background processor left out, then applies the log with <see cref="ProfileProcessor"/> in the
/// foreground: once for events that create the profiles, once for events that update them. The
/// tracking API is idle meanwhile, so the figures are the processor's own speed, the number that
/// bounds processing lag while events keep arriving.
/// </summary>
public static class ProcessBenchmark
{
    private const int UserPool = 10_000;
    private const int Senders = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var createEvents = quick ? 30_000 : 100_000;
        var updateEvents = quick ? 100_000 : 400_000;

        await using var rss = new RssSampler();
        await using var server = await BenchServer.StartAsync(processor: false);
        var datasetId = await server.CreateDatasetAsync();
        var processor = server.App.Services.GetRequiredService<ProfileProcessor>();
        var factory = new IngestBodyFactory(UserPool, templates: 64, seed: 2024);

        Console.WriteLine($"Rapport process benchmark ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, "
            + $"server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"  log      {server.Storage.Describe()}; {UserPool:N0} users; track/page/identify/group 60/22/13/5; "
            + $"{processor.ChunkSize:N0} events per chunk");

        await SendAsync(server, factory, createEvents);
        var create = await CatchUpAsync(processor, datasetId, "new profiles (every user's first events)");
        await SendAsync(server, factory, updateEvents);
        var update = await CatchUpAsync(processor, datasetId, "existing profiles (the steady state)");
        var peakMb = rss.PeakMb;
        Console.WriteLine($"  memory   peak RSS {peakMb:F0} MB");

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("scenario", "process");
            json.WriteNumber("create_per_s", Math.Round(create.EventsPerSecond));
            json.WriteNumber("update_per_s", Math.Round(update.EventsPerSecond));
            json.WriteNumber("update_cpu_us_per_event", Math.Round(update.CpuMicrosecondsPerEvent, 1));
            json.WriteNumber("update_gc_share", Math.Round(update.GcShare, 3));
            json.WriteNumber("peak_rss_mb", Math.Round(peakMb, 1));
            json.WriteEndObject();
        }
        Console.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        return 0;
    }

    /// <summary>Sends <paramref name="events"/> events in batches from a few concurrent senders; every one must get a 200.</summary>
    private static async Task SendAsync(BenchServer server, IngestBodyFactory factory, int events)
    {
        var uri = new Uri("/v1/batch", UriKind.Relative);
        var batches = events / IngestBodyFactory.EventsPerBatch;
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[factory.MaxBodyBytes];
            while (Interlocked.Increment(ref next) <= batches)
            {
                var length = factory.Next(buffer);
                var status = await BenchServer.SendAsync(server.Client, uri, buffer, length);
                if (status != "200")
                {
                    throw new InvalidOperationException($"The tracking API answered {status} while the log was being filled.");
                }
            }
        })));
        Console.WriteLine($"  sent     {events:N0} events in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<Applied> CatchUpAsync(ProfileProcessor processor, string datasetId, string what)
    {
        var meter = PhaseCost.Start();
        var events = await processor.CatchUpAsync(datasetId, CancellationToken.None);
        var cost = meter.Stop();
        var applied = new Applied(events, cost);
        Console.WriteLine($"  applied  {events:N0} events to {what}: {applied.EventsPerSecond:N0} events/s, "
            + $"CPU {applied.CpuMicrosecondsPerEvent:F1} µs per event");
        Console.WriteLine($"           garbage collections {cost.Gen0:N0} gen0, {cost.Gen1:N0} gen1, {cost.Gen2:N0} gen2; "
            + $"every thread stopped {cost.GcPause.TotalSeconds:F2} s ({applied.GcShare:P0} of {cost.Wall.TotalSeconds:F1} s)");
        return applied;
    }

    private sealed record Applied(long Events, PhaseCost Cost)
    {
        public double EventsPerSecond => Events / Cost.Wall.TotalSeconds;
        public double CpuMicrosecondsPerEvent => Cost.CpuSeconds * 1e6 / Math.Max(1, Events);
        public double GcShare => Cost.GcPause / Cost.Wall;
    }
}
