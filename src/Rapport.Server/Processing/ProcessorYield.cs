namespace Rapport.Server.Processing;

/// <summary>
/// How the processor shares the CPU with the tracking API. A 200 from the tracking API only needs
/// the log append; profiles are derived from the log and can follow later. So while the tracking
/// API is saturated (at least <see cref="SaturatedAt"/> requests in progress), the processor takes
/// at most <see cref="SharePercent"/> % of its own loop's time: after each pass that found work it
/// pauses for the rest. Below that load it runs flat out, so the processing lag stays short. The
/// share never drops to zero: under sustained overload profiles keep advancing, and the lag stops
/// growing once the load drops below what the processor can apply.
/// </summary>
public sealed class ProcessorYield(int sharePercent, int saturatedAt)
{
    /// <summary>Longest single pause: the processor looks at the load again at least this often.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    public int SharePercent { get; } = sharePercent;

    public int SaturatedAt { get; } = saturatedAt;

    /// <summary>The pause after a pass that took <paramref name="pass"/> and applied events, given the tracking requests in progress now.</summary>
    public TimeSpan PauseAfter(TimeSpan pass, long trackingRequestsInProgress)
    {
        if (SharePercent >= 100 || trackingRequestsInProgress < SaturatedAt || pass <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        var pause = pass * ((100.0 - SharePercent) / SharePercent);
        return pause < MaxPause ? pause : MaxPause;
    }
}
