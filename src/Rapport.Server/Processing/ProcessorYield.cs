namespace Rapport.Server.Processing;

/// <summary>
/// How the processor shares the CPU with the tracking API. A 200 from the tracking API only needs
/// the log append; profiles are derived from the log and can follow later. So while the tracking
/// API is saturated (at least <see cref="SaturatedAt"/> requests in progress on average lately: see
/// <see cref="Tracking.TrackingAdmission.AverageInProgress"/>), the processor takes
/// at most <see cref="SharePercent"/> % of its own loop's time: after each pass that found work it
/// pauses for the rest. Below that load it runs flat out, so the processing lag stays short. The
/// share never drops to zero: under sustained overload profiles keep advancing, and the lag stops
/// growing once the load drops below what the processor can apply.
/// </summary>
public sealed class ProcessorYield(int sharePercent, int saturatedAt)
{
    /// <summary>
    /// Longest stretch of a pause without looking at the load: a pause ends within this long of
    /// the tracking API falling below <see cref="SaturatedAt"/>, so profiles catch up soon after a burst.
    /// </summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    public int SharePercent { get; } = sharePercent;

    public int SaturatedAt { get; } = saturatedAt;

    /// <summary>Whether the processor yields at this many tracking requests in progress.</summary>
    public bool Yields(double trackingRequestsInProgress) => SharePercent < 100 && trackingRequestsInProgress >= SaturatedAt;

    /// <summary>
    /// The whole pause after a pass that took <paramref name="pass"/> and applied events, given the
    /// tracking requests in progress now. Not capped: a pass of a large chunk on a contended CPU
    /// can take seconds, and a capped pause would hand the processor far more than its share.
    /// </summary>
    public TimeSpan PauseAfter(TimeSpan pass, double trackingRequestsInProgress)
        => Yields(trackingRequestsInProgress) && pass > TimeSpan.Zero
            ? pass * ((100.0 - SharePercent) / SharePercent)
            : TimeSpan.Zero;

    /// <summary>
    /// Pauses after a pass as <see cref="PauseAfter"/> says, in steps of at most
    /// <see cref="LookEvery"/>, and stops early once <paramref name="trackingRequestsInProgress"/>
    /// falls below <see cref="SaturatedAt"/>. Returns how long it paused.
    /// </summary>
    public async Task<TimeSpan> PauseAsync(TimeSpan pass, Func<double> trackingRequestsInProgress, TimeProvider time, CancellationToken cancellationToken)
    {
        var remaining = PauseAfter(pass, trackingRequestsInProgress());
        var paused = TimeSpan.Zero;
        while (remaining > TimeSpan.Zero)
        {
            var step = remaining < LookEvery ? remaining : LookEvery;
            await Task.Delay(step, time, cancellationToken);
            paused += step;
            remaining -= step;
            if (!Yields(trackingRequestsInProgress()))
            {
                break;
            }
        }
        return paused;
    }
}
