using Rapport.Core.Profiles;
using Rapport.Server.Console.Profiles;

namespace Rapport.Server.Tests.Console;

/// <summary>The engagement chart's days: quarter-hour counts added up per local day of the dataset's time zone.</summary>
public sealed class EngagementSeriesTests
{
    [Fact]
    public void PerDay_EventsAroundMidnightOnADaylightSavingDay_CountOnTheirLocalDay()
    {
        // 2026-03-29 is the spring-forward day in Paris (UTC+1 before 02:00, UTC+2 after).
        var settings = new DatasetSettings("Europe/Paris");
        var now = DateTimeOffset.Parse("2026-03-30T12:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture);
        var late = DateTimeOffset.Parse("2026-03-29T23:50:00+02:00", System.Globalization.CultureInfo.InvariantCulture); // 21:50 UTC
        var early = DateTimeOffset.Parse("2026-03-30T00:05:00+02:00", System.Globalization.CultureInfo.InvariantCulture); // 22:05 UTC on the 29th
        var buckets = new[] { late, early, early }
            .GroupBy(t => t.ToUnixTimeMilliseconds() / EngagementSeries.BucketMs)
            .ToDictionary(g => g.Key, g => g.Count());

        var days = EngagementSeries.PerDay(buckets, settings, now.ToUnixTimeMilliseconds());

        Assert.Equal(EngagementSeries.Days, days.Count);
        Assert.Equal(new DateOnly(2026, 3, 30), days[^1].Day);
        Assert.Equal(new DayActivity(new DateOnly(2026, 3, 29), 1), days[^2]);
        Assert.Equal(new DayActivity(new DateOnly(2026, 3, 30), 2), days[^1]);
        Assert.Equal(3, days.Sum(d => d.Events));
    }

    [Fact]
    public void PerDay_EventOlderThanNinetyDays_IsLeftOut()
    {
        var settings = new DatasetSettings("UTC");
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var old = now.AddDays(-EngagementSeries.Days).ToUnixTimeMilliseconds() / EngagementSeries.BucketMs;
        var first = now.AddDays(-EngagementSeries.Days + 1).ToUnixTimeMilliseconds() / EngagementSeries.BucketMs;

        var days = EngagementSeries.PerDay(new Dictionary<long, int> { [old] = 5, [first] = 2 }, settings, now.ToUnixTimeMilliseconds());

        Assert.Equal(new DayActivity(new DateOnly(2026, 8, 26), 2), days[0]);
        Assert.Equal(2, days.Sum(d => d.Events));
    }

    [Fact]
    public void Svg_TwoActiveDays_DrawsTwoBarsWithTitleAndDescription()
    {
        var days = Enumerable.Range(0, EngagementSeries.Days)
            .Select(i => new DayActivity(new DateOnly(2026, 1, 1).AddDays(i), i == 10 ? 4 : i == 89 ? 1 : 0)).ToList();

        var svg = EngagementChart.Svg(days, "chart");

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(svg, "<rect "));
        Assert.Contains("<title id=\"chart-title\">Activity per day over the last 90 days</title>", svg, StringComparison.Ordinal);
        Assert.Contains("5 events on 2 days of the last 90; busiest day 2026-01-11 with 4 events; latest activity 2026-03-31.", svg, StringComparison.Ordinal);
    }
}
