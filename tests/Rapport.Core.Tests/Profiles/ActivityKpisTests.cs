using Rapport.Core.Events;
using Rapport.Core.Profiles;
using Rapport.Core.Tests.Support;
using static Rapport.Core.Tests.Support.Messages;

namespace Rapport.Core.Tests.Profiles;

public class ActivityKpisTests
{
    private readonly InMemoryProfileWorkspace _workspace = new();

    private UserProfile Apply(LoggedEvent e, DatasetSettings? settings = null)
        => EventApplier.Apply(e, _workspace, settings ?? DatasetSettings.Default);

    [Fact]
    public void Apply_EventsWithin30Minutes_CountAsOneSession()
    {
        Apply(Page(Noon, "u1"));
        Apply(Page(Noon.AddMinutes(29), "u1"));
        var profile = Apply(Page(Noon.AddMinutes(58), "u1"));

        Assert.Equal(1, profile.Kpis.Sessions);
    }

    [Fact]
    public void Apply_GapOverThirtyMinutes_StartsANewSession()
    {
        Apply(Page(Noon, "u1"));
        Apply(Page(Noon.AddMinutes(31), "u1"));
        Apply(Page(Noon.AddMinutes(40), "u1"));
        var profile = Apply(Page(Noon.AddHours(5), "u1"));

        Assert.Equal(3, profile.Kpis.Sessions);
    }

    [Fact]
    public void Apply_CustomSessionTimeout_IsHonoured()
    {
        var settings = new DatasetSettings(sessionTimeout: TimeSpan.FromMinutes(5));

        Apply(Page(Noon, "u1"), settings);
        var profile = Apply(Page(Noon.AddMinutes(6), "u1"), settings);

        Assert.Equal(2, profile.Kpis.Sessions);
    }

    [Fact]
    public void Apply_EventsOutOfOrder_FirstAndLastSeenAreEarliestAndLatest()
    {
        Apply(Page(Noon, "u1"));
        Apply(Page(Noon.AddDays(2), "u1"));
        var profile = Apply(Page(Noon.AddDays(-3), "u1"));

        Assert.Equal(Noon.AddDays(-3).ToUnixTimeMilliseconds(), profile.Kpis.FirstSeenMs);
        Assert.Equal(Noon.AddDays(2).ToUnixTimeMilliseconds(), profile.Kpis.LastSeenMs);
    }

    [Fact]
    public void Apply_MixedEvents_CountsByTrackNameAndByCallType()
    {
        Apply(Track(Noon, "u1", "Clicked"));
        Apply(Track(Noon.AddMinutes(1), "u1", "Clicked"));
        Apply(Track(Noon.AddMinutes(2), "u1", "Purchased"));
        Apply(Page(Noon.AddMinutes(3), "u1"));
        var profile = Apply(Identify(Noon.AddMinutes(4), "u1"));

        Assert.Equal(5, profile.Kpis.TotalEvents);
        Assert.Equal(2, profile.Kpis.EventCounts["Clicked"]);
        Assert.Equal(1, profile.Kpis.EventCounts["Purchased"]);
        Assert.Equal(1, profile.Kpis.EventCounts["page"]);
        Assert.Equal(1, profile.Kpis.EventCounts["identify"]);
    }

    [Fact]
    public void DaysActive_Last30Days_CountsDistinctDaysInWindowOnly()
    {
        var settings = DatasetSettings.Default;
        var today = Noon;
        Apply(Page(today, "u1"), settings);
        Apply(Page(today.AddHours(2), "u1"), settings);
        Apply(Page(today.AddDays(-1), "u1"), settings);
        Apply(Page(today.AddDays(-29), "u1"), settings);
        var profile = Apply(Page(today.AddDays(-30), "u1"), settings);

        var days = profile.Kpis.DaysActive(30, settings.LocalDay(today.ToUnixTimeMilliseconds()));

        Assert.Equal(3, days);
    }

    [Fact]
    public void DaysActive_EventsAroundMidnightUtc_AreCountedByDatasetTimeZone()
    {
        // 23:30 and 01:30 UTC are two UTC days but one day in Los Angeles (16:30 and 18:30).
        var lateUtc = new DateTimeOffset(2024, 5, 1, 23, 30, 0, TimeSpan.Zero);
        var earlyUtc = lateUtc.AddHours(2);
        var losAngeles = new DatasetSettings("America/Los_Angeles");
        var utcWorkspace = new InMemoryProfileWorkspace();

        Apply(Page(lateUtc, "u1"), losAngeles);
        var local = Apply(Page(earlyUtc, "u1"), losAngeles);
        EventApplier.Apply(Page(lateUtc, "u1"), utcWorkspace, DatasetSettings.Default);
        var utc = EventApplier.Apply(Page(earlyUtc, "u1"), utcWorkspace, DatasetSettings.Default);

        Assert.Equal(1, local.Kpis.DaysActive(30, losAngeles.LocalDay(earlyUtc.ToUnixTimeMilliseconds())));
        Assert.Equal(2, utc.Kpis.DaysActive(30, DatasetSettings.Default.LocalDay(earlyUtc.ToUnixTimeMilliseconds())));
    }

    [Fact]
    public void Merge_AnonymousKpis_AddUpWithKnownUser()
    {
        var known = new ActivityKpis();
        known.Record(Noon.ToUnixTimeMilliseconds(), "Clicked", DatasetSettings.Default);
        var anonymous = new ActivityKpis();
        anonymous.Record(Noon.AddDays(-1).ToUnixTimeMilliseconds(), "Clicked", DatasetSettings.Default);
        anonymous.Record(Noon.AddDays(-1).AddMinutes(1).ToUnixTimeMilliseconds(), "Viewed", DatasetSettings.Default);

        known.Merge(anonymous);

        Assert.Equal(3, known.TotalEvents);
        Assert.Equal(2, known.Sessions);
        Assert.Equal(2, known.EventCounts["Clicked"]);
        Assert.Equal(Noon.AddDays(-1).ToUnixTimeMilliseconds(), known.FirstSeenMs);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), known.LastSeenMs);
    }
}
