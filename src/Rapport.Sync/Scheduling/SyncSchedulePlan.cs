using Rapport.Data.Entities;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Scheduling;

/// <summary>
/// Which triggers a connection should have (pure). Active with the initial run done: the nightly cron
/// in the dataset's time zone and the interval. Active before the initial run completed: an initial
/// run now, retried at the interval until one completes (a stopped or failed initial run resumes by
/// itself). Paused, deactivated or not established: none.
/// </summary>
public static class SyncSchedulePlan
{
    public static IReadOnlyList<SyncScheduleEntry> For(SalesforceConnectionEntity connection, SyncSettings settings, string? timeZone)
    {
        if (connection.State != SalesforceConnectionState.Active || connection.AccessTokenProtected is null && connection.PasswordProtected is null)
        {
            return [];
        }
        var interval = TimeSpan.FromMinutes(Math.Max(ScheduleSettings.MinimumIntervalMinutes, settings.Schedule.IntervalMinutes));
        if (connection.InitialSyncCompletedAt is null)
        {
            return [new SyncScheduleEntry(SyncTriggers.Initial, null, null, interval)];
        }
        var entries = new List<SyncScheduleEntry>();
        if (settings.Schedule.NightlyEnabled)
        {
            entries.Add(new SyncScheduleEntry(SyncTriggers.Nightly, settings.Schedule.NightlyCron, ResolveTimeZone(timeZone), null));
        }
        if (settings.Schedule.IntervalEnabled)
        {
            entries.Add(new SyncScheduleEntry(SyncTriggers.Interval, null, null, interval));
        }
        return entries;
    }

    /// <summary>The dataset's IANA (or Windows) time zone; UTC when it is unknown here.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
