namespace Rapport.SalesforceEmulator.Auth;

/// <summary>The emulator clock as <c>/__emulator/clock</c> shows it.</summary>
internal sealed record ClockView(DateTimeOffset UtcNow, double OffsetSeconds)
{
    public static ClockView From(EmulatorClock clock) => new(clock.GetUtcNow(), clock.Offset.TotalSeconds);
}
