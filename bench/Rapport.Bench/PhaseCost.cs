using System.Diagnostics;

namespace Rapport.Bench;

/// <summary>
/// What one phase of a benchmark cost the process: CPU, time its threads waited for a CPU, and
/// garbage collections. Collections matter on two cores: workstation GC stops every thread and
/// collects on one, so a phase that keeps objects alive across collections leaves a CPU idle.
/// </summary>
internal sealed record PhaseCost(double CpuSeconds, double WaitSeconds, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, TimeSpan Wall)
{
    /// <summary>Starts measuring; <see cref="Stop"/> on the returned meter gives the phase's cost.</summary>
    public static Meter Start() => new();

    internal sealed class Meter
    {
        private readonly double _cpu = ProcessCpuSeconds();
        private readonly double _wait = CpuWait.Seconds();
        private readonly int _gen0 = GC.CollectionCount(0);
        private readonly int _gen1 = GC.CollectionCount(1);
        private readonly int _gen2 = GC.CollectionCount(2);
        private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
        private readonly long _started = Stopwatch.GetTimestamp();

        public PhaseCost Stop() => new(ProcessCpuSeconds() - _cpu, CpuWait.Seconds() - _wait,
            GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2,
            GC.GetTotalPauseDuration() - _pause, Stopwatch.GetElapsedTime(_started));
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
