using System.Diagnostics;

namespace Rapport.Bench;

/// <summary>
/// Samples the process's resident set every few hundred milliseconds. The kernel's own high-water
/// mark (<see cref="Process.PeakWorkingSet64"/>) also counts, so a spike between samples is not missed.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakBytes;
    private long _managedAtPeakBytes;
    private long _peakManagedBytes;

    public RssSampler() => _loop = Task.Run(RunAsync);

    public double PeakMb
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return Math.Max(Interlocked.Read(ref _peakBytes), process.PeakWorkingSet64) / (1024.0 * 1024.0);
        }
    }

    /// <summary>
    /// The GC's committed memory at the sample with the highest resident set: what of the peak is
    /// managed heap (live objects and garbage not yet collected) rather than native memory.
    /// </summary>
    public double ManagedAtPeakMb => Interlocked.Read(ref _managedAtPeakBytes) / (1024.0 * 1024.0);

    /// <summary>The highest GC committed memory seen in any sample.</summary>
    public double PeakManagedMb => Interlocked.Read(ref _peakManagedBytes) / (1024.0 * 1024.0);

    public static double CurrentMb()
    {
        // /proc/self/statm is one small read; Process.GetCurrentProcess() parses several /proc files
        // and cost the process being measured a few percent of its CPU at five samples a second.
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize / (1024.0 * 1024.0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                var bytes = (long)(CurrentMb() * 1024 * 1024);
                var managed = GC.GetGCMemoryInfo().TotalCommittedBytes;
                if (bytes > Interlocked.Read(ref _peakBytes))
                {
                    Interlocked.Exchange(ref _peakBytes, bytes);
                    Interlocked.Exchange(ref _managedAtPeakBytes, managed);
                }
                if (managed > Interlocked.Read(ref _peakManagedBytes))
                {
                    Interlocked.Exchange(ref _peakManagedBytes, managed);
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
