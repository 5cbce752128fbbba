using Rapport.Core.Profiles;

namespace Rapport.Server.Console.Profiles;

/// <summary>
/// The engagement chart's numbers: events per local day over the last <see cref="Days"/> days.
/// The event log is counted in one grouped query per quarter hour of Unix time, and the quarter
/// hours are then added up per local day here: every UTC offset in use is a whole number of quarter
/// hours, so no bucket straddles a local midnight, and daylight-saving days come out right, which
/// a fixed 24-hour bucket could not do and SQLite cannot do with time zones itself.
/// </summary>
public static class EngagementSeries
{
    /// <summary>Days the chart shows, today included.</summary>
    public const int Days = 90;

    /// <summary>The width of a counting bucket: a quarter hour.</summary>
    public const long BucketMs = 15 * 60 * 1000;

    private const long DayMs = 24 * 60 * 60 * 1000;

    /// <summary>
    /// The log window to count: a little wider than the 90 local days on both sides (time zones are
    /// at most 14 hours from UTC); <see cref="PerDay"/> drops what falls outside.
    /// </summary>
    public static (long FromMs, long ToMs) Window(long nowMs) => (nowMs - (Days + 1) * DayMs, nowMs + DayMs);

    /// <summary>
    /// Adds up quarter-hour <paramref name="buckets"/> (bucket number → events) into the last
    /// <see cref="Days"/> local days ending today, oldest first, days without events included.
    /// </summary>
    public static IReadOnlyList<DayActivity> PerDay(IReadOnlyDictionary<long, int> buckets, DatasetSettings settings, long nowMs)
    {
        var first = settings.LocalDay(nowMs) - Days + 1;
        var counts = new int[Days];
        foreach (var (bucket, events) in buckets)
        {
            var index = settings.LocalDay(bucket * BucketMs) - first;
            if (index is >= 0 and < Days)
            {
                counts[index] += events;
            }
        }
        return [.. counts.Select((events, i) => new DayActivity(DateOnly.FromDayNumber(first + i), events))];
    }
}
