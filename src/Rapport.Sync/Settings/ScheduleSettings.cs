namespace Rapport.Sync.Settings;

/// <summary>When runs start on their own: nightly and every few minutes (seeds 000, 001, 002).</summary>
public sealed record ScheduleSettings
{
    public bool NightlyEnabled { get; init; } = true;
    /// <summary>Quartz cron expression in the dataset's time zone; 02:00 by default.</summary>
    public string NightlyCron { get; init; } = "0 0 2 * * ?";
    public bool IntervalEnabled { get; init; } = true;
    /// <summary>Minutes between incremental runs; 5 by default, at least 2.</summary>
    public int IntervalMinutes { get; init; } = 5;

    public const int MinimumIntervalMinutes = 2;
}
