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

    public RssSampler() => _loop = Task.Run(RunAsync);

    public double PeakMb
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return Math.Max(Interlocked.Read(ref _peakBytes), process.PeakWorkingSet64) / (1024.0 * 1024.0);
        }
    }

    public static double CurrentMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                var bytes = (long)(CurrentMb() * 1024 * 1024);
                if (bytes > Interlocked.Read(ref _peakBytes))
                {
                    Interlocked.Exchange(ref _peakBytes, bytes);
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
