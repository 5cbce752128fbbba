namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The emulator's clock: a base clock (the system clock, or a fake one in tests) plus an offset
/// that <c>/__emulator/clock</c> moves, so demos can jump ahead to expire sessions, reset the daily
/// API counter or make records look old. Timers run on the base clock.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    /// <summary>Wraps <paramref name="inner"/> (defaults to <see cref="TimeProvider.System"/>).</summary>
    public EmulatorClock(TimeProvider? inner = null)
    {
        _inner = inner ?? System;
    }

    /// <summary>How far the emulator's clock is ahead of (or behind) the base clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward (or back, with a negative amount).</summary>
    public void Advance(TimeSpan amount) => Interlocked.Add(ref _offsetTicks, amount.Ticks);

    /// <summary>Sets the clock so that it reads <paramref name="now"/> at this instant.</summary>
    public void SetUtcNow(DateTimeOffset now) =>
        Interlocked.Exchange(ref _offsetTicks, (now - _inner.GetUtcNow()).Ticks);

    /// <summary>Returns to the base clock.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
