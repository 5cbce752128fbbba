using System.Diagnostics;
using System.Globalization;

namespace Rapport.Bench;

/// <summary>
/// Samples the process's resident set every few hundred milliseconds. The kernel's own high-water
/// mark (<see cref="Process.PeakWorkingSet64"/>) also counts, so a spike between samples is not missed.
/// At the highest sample it keeps what the resident set was made of, so a peak can be explained.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private RssBreakdown _atPeak;
    private long _peakManagedBytes;

    public RssSampler() => _loop = Task.Run(RunAsync);

    // SQLite's counters need its provider, which Microsoft.Data.Sqlite only sets when it first opens
    // a connection; samples start before that. Init is idempotent.
    static RssSampler() => SQLitePCL.Batteries_V2.Init();

    public double PeakMb
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            lock (_gate)
            {
                return Math.Max(_atPeak.RssBytes, process.PeakWorkingSet64) / Mb;
            }
        }
    }

    /// <summary>
    /// The GC's committed memory at the sample with the highest resident set: what of the peak is
    /// managed heap (live objects and garbage not yet collected) rather than native memory.
    /// </summary>
    public double ManagedAtPeakMb
    {
        get
        {
            lock (_gate)
            {
                return _atPeak.ManagedBytes / Mb;
            }
        }
    }

    /// <summary>The highest GC committed memory seen in any sample.</summary>
    public double PeakManagedMb => Interlocked.Read(ref _peakManagedBytes) / Mb;

    /// <summary>What the resident set was made of at the highest sample.</summary>
    public RssBreakdown AtPeak
    {
        get
        {
            lock (_gate)
            {
                return _atPeak;
            }
        }
    }

    private const double Mb = 1024.0 * 1024.0;

    public static double CurrentMb() => Read().RssBytes / Mb;

    /// <summary>
    /// One read of <c>/proc/self/status</c> (Process.GetCurrentProcess() parses several /proc files and
    /// cost the measured process a few percent of its CPU at five samples a second), plus the GC's and
    /// SQLite's own counters, which are cheap.
    /// </summary>
    private static RssBreakdown Read()
    {
        long rss = 0, anon = 0, file = 0, shmem = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kb(line);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    file = Kb(line);
                }
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
                {
                    shmem = Kb(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            using var process = Process.GetCurrentProcess();
            rss = process.WorkingSet64;
        }
        SQLitePCL.raw.sqlite3_status(SQLitePCL.raw.SQLITE_STATUS_MEMORY_USED, out var sqlite, out _, 0);
        return new RssBreakdown(rss, anon, file, shmem, GC.GetGCMemoryInfo().TotalCommittedBytes, sqlite);
    }

    private static long Kb(string line)
        => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                var sample = Read();
                lock (_gate)
                {
                    if (sample.RssBytes > _atPeak.RssBytes)
                    {
                        _atPeak = sample;
                    }
                }
                if (sample.ManagedBytes > Interlocked.Read(ref _peakManagedBytes))
                {
                    Interlocked.Exchange(ref _peakManagedBytes, sample.ManagedBytes);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
