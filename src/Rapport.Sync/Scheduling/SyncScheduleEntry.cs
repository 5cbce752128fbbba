namespace Rapport.Sync.Scheduling;

/// <summary>One trigger a connection should have: a nightly cron in the dataset's time zone, or a repeating interval.</summary>
public sealed record SyncScheduleEntry(string Kind, string? Cron, TimeZoneInfo? TimeZone, TimeSpan? Interval);
