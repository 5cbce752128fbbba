using Rapport.Core.Events;
using Rapport.Core.Profiles;
using Rapport.Core.Tests.Support;
using static Rapport.Core.Tests.Support.Messages;

namespace Rapport.Core.Tests.Profiles;

public class EventApplierTests
{
    private readonly InMemoryProfileWorkspace _workspace = new();

    private UserProfile Apply(LoggedEvent e, DatasetSettings? settings = null)
        => EventApplier.Apply(e, _workspace, settings ?? DatasetSettings.Default);

    [Fact]
    public void Apply_IdentifyTraits_BecomeAttributesWithSourceAndTime()
    {
        var profile = Apply(Identify(Noon, "u1", traits: new { email = "ada@example.com", age = 36 }));

        Assert.True(profile.Attributes.TryGet("email", out var email));
        Assert.Equal("ada@example.com", email.Value.GetString());
        Assert.Equal(AttributeSources.Tracking, email.Source);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), email.UpdatedAtMs);
        Assert.Equal(36, profile.Attributes.Values["age"].Value.GetInt32());
    }

    [Fact]
    public void Apply_PageAndOtherTrackEvents_AreCountedWithoutReadingTheMessage()
    {
        // The processor leaves out the message of events that do not need it (EventApplier.NeedsPayload).
        var page = Page(Noon, "u1") with { Payload = Array.Empty<byte>() };
        var track = Track(Noon.AddMinutes(1), "u1", "Report Exported") with { Payload = Array.Empty<byte>() };

        Apply(page);
        var profile = Apply(track);

        Assert.False(EventApplier.NeedsPayload(page, DatasetSettings.Default));
        Assert.False(EventApplier.NeedsPayload(track, DatasetSettings.Default));
        Assert.Equal(2, profile.Kpis.TotalEvents);
        Assert.Equal(1, profile.Kpis.EventCounts["Report Exported"]);
    }

    [Fact]
    public void Apply_IdentifyWhoseMessageCannotBeRead_ChangesNothing()
    {
        var broken = Identify(Noon, "u1", anonymousId: "anon-1", traits: new { plan = "pro" }) with { Payload = "{\"traits\":"u8.ToArray() };

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Apply(broken));

        Assert.Empty(_workspace.Profiles);
        Assert.Null(_workspace.FindByAnonymousId("anon-1"));
    }

    [Fact]
    public void Apply_IdentifyOutOfOrder_NewestTraitWins()
    {
        Apply(Identify(Noon.AddHours(1), "u1", traits: new { plan = "pro" }));
        var profile = Apply(Identify(Noon, "u1", traits: new { plan = "free", company = "Acme" }));

        Assert.Equal("pro", profile.Attributes.GetString("plan"));
        Assert.Equal("Acme", profile.Attributes.GetString("company"));
    }

    [Fact]
    public void Apply_IdentifyNullTrait_RemovesAttribute()
    {
        Apply(Identify(Noon, "u1", traits: new { phone = "555-0100" }));
        var profile = Apply(Identify(Noon.AddMinutes(1), "u1", traits: new { phone = (string?)null }));

        Assert.False(profile.Attributes.TryGet("phone", out _));
    }

    [Theory]
    [InlineData("9", 9)]
    [InlineData("0", 0)]
    [InlineData("10", 10)]
    [InlineData("\"7\"", 7)]
    [InlineData("8.0", 8)]
    public void Apply_NpsScore_IsRecorded(string scoreJson, int expected)
    {
        var e = Valid($$$"""{"type":"track","userId":"u1","event":"nps_score","properties":{"score":{{{scoreJson}}}}}""");

        var profile = Apply(e);

        Assert.Equal(expected, profile.Kpis.NpsScore);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), profile.Kpis.NpsScoreAtMs);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("7.5")]
    [InlineData("\"high\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("1e400")]
    public void Apply_InvalidNpsScore_KeepsPreviousScore(string scoreJson)
    {
        Apply(Track(Noon, "u1", "nps_score", new { score = 6 }));

        var profile = Apply(Valid($$$"""{"type":"track","userId":"u1","event":"nps_score","properties":{"score":{{{scoreJson}}}},"timestamp":"2024-05-02T00:00:00Z"}"""));

        Assert.Equal(6, profile.Kpis.NpsScore);
        Assert.Equal(2, profile.Kpis.EventCounts["nps_score"]);
    }

    [Fact]
    public void Apply_NpsScoresOutOfOrder_LatestByTimeWins()
    {
        Apply(Track(Noon.AddDays(1), "u1", "nps_score", new { score = 3 }));
        var profile = Apply(Track(Noon, "u1", "nps_score", new { score = 10 }));

        Assert.Equal(3, profile.Kpis.NpsScore);
    }

    [Fact]
    public void Apply_NpsFeedback_IsRecordedNextToScore()
    {
        Apply(Track(Noon, "u1", "nps_score", new { score = 9 }));
        var profile = Apply(Track(Noon.AddSeconds(30), "u1", "nps_feedback", new { feedback = "Great support 👍" }));

        Assert.Equal(9, profile.Kpis.NpsScore);
        Assert.Equal("Great support 👍", profile.Kpis.NpsFeedback);
        Assert.Equal(Noon.AddSeconds(30).ToUnixTimeMilliseconds(), profile.Kpis.NpsFeedbackAtMs);
    }

    [Fact]
    public void Apply_CustomNpsEventNames_AreUsedInsteadOfDefaults()
    {
        var settings = new DatasetSettings(npsScoreEvent: "Survey Answered", npsFeedbackEvent: "Survey Comment");

        Apply(Track(Noon, "u1", "nps_score", new { score = 2 }), settings);
        Apply(Track(Noon.AddMinutes(1), "u1", "Survey Answered", new { score = 8 }), settings);
        var profile = Apply(Track(Noon.AddMinutes(2), "u1", "Survey Comment", new { feedback = "ok" }), settings);

        Assert.Equal(8, profile.Kpis.NpsScore);
        Assert.Equal("ok", profile.Kpis.NpsFeedback);
    }

    [Fact]
    public void Apply_Group_CreatesAccountWithTraitsAndMembership()
    {
        var profile = Apply(Group(Noon, "u1", "acme", new { name = "Acme Inc", employees = 120 }));

        var account = Assert.IsType<AccountProfile>(_workspace.FindAccount("acme"));
        Assert.Equal("Acme Inc", account.Attributes.GetString("name"));
        Assert.Equal(120, account.Attributes.Values["employees"].Value.GetInt32());
        Assert.Contains("acme", profile.Accounts);
    }

    [Fact]
    public void Apply_MembersActivity_RollsUpIntoAccountKpis()
    {
        Apply(Group(Noon, "u1", "acme"));
        Apply(Group(Noon.AddMinutes(1), "u2", "acme"));
        Apply(Track(Noon.AddMinutes(2), "u1", "Report Exported"));
        Apply(Track(Noon.AddMinutes(3), "u2", "Report Exported"));
        Apply(Track(Noon.AddMinutes(4), "u3", "Report Exported"));
        Apply(Track(Noon.AddMinutes(5), "u2", "nps_score", new { score = 4 }));
        Apply(Track(Noon.AddMinutes(6), "u1", "nps_feedback", new { feedback = "slow" }));

        var account = _workspace.FindAccount("acme")!;
        Assert.Equal(2, account.Kpis.EventCounts["Report Exported"]);
        Assert.Equal(2, account.Kpis.EventCounts["group"]);
        Assert.Equal(6, account.Kpis.TotalEvents);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), account.Kpis.FirstSeenMs);
        Assert.Equal(Noon.AddMinutes(6).ToUnixTimeMilliseconds(), account.Kpis.LastSeenMs);
        Assert.Equal(4, account.Kpis.NpsScore);
        Assert.Equal("slow", account.Kpis.NpsFeedback);
    }

    [Fact]
    public void Apply_UserInTwoAccounts_CountsTowardsBoth()
    {
        Apply(Group(Noon, "u1", "acme"));
        Apply(Group(Noon, "u1", "globex"));
        Apply(Track(Noon.AddMinutes(1), "u1", "Clicked"));

        Assert.Equal(1, _workspace.FindAccount("acme")!.Kpis.EventCounts["Clicked"]);
        Assert.Equal(1, _workspace.FindAccount("globex")!.Kpis.EventCounts["Clicked"]);
    }

    [Fact]
    public void Apply_SameLogTwice_GivesSameProfiles()
    {
        LoggedEvent[] log =
        [
            Page(Noon, null, "a1"),
            Identify(Noon.AddMinutes(1), "u1", "a1", new { email = "x@y.z" }),
            Group(Noon.AddMinutes(2), "u1", "acme", new { name = "Acme" }),
            Track(Noon.AddHours(3), "u1", "nps_score", new { score = 9 }),
            Alias(Noon.AddHours(4), "u1", "u1-new"),
        ];
        var first = new InMemoryProfileWorkspace();
        var second = new InMemoryProfileWorkspace();

        foreach (var e in log)
        {
            EventApplier.Apply(e, first, DatasetSettings.Default);
        }
        foreach (var e in log)
        {
            EventApplier.Apply(e, second, DatasetSettings.Default);
        }

        var a = Assert.Single(first.Profiles);
        var b = Assert.Single(second.Profiles);
        Assert.Equal("u1-new", a.UserId);
        Assert.Equal(a.UserId, b.UserId);
        Assert.Equal(a.Kpis.TotalEvents, b.Kpis.TotalEvents);
        Assert.Equal(a.Kpis.Sessions, b.Kpis.Sessions);
        Assert.Equal(a.Kpis.NpsScore, b.Kpis.NpsScore);
        Assert.Equal(a.Attributes.GetString("email"), b.Attributes.GetString("email"));
        Assert.Equal(a.Accounts, b.Accounts);
    }
}
