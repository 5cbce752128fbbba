namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Body of the clock controls: move by <see cref="Seconds"/>, or set to <see cref="UtcNow"/>.</summary>
internal sealed record ClockChange(double? Seconds, DateTimeOffset? UtcNow);
