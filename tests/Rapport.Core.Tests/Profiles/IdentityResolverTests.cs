using Rapport.Core.Profiles;
using Rapport.Core.Tests.Support;
using static Rapport.Core.Tests.Support.Messages;

namespace Rapport.Core.Tests.Profiles;

public class IdentityResolverTests
{
    private readonly InMemoryProfileWorkspace _workspace = new();

    private UserProfile Apply(Rapport.Core.Events.LoggedEvent e) => EventApplier.Apply(e, _workspace, DatasetSettings.Default);

    [Fact]
    public void Apply_AnonymousActivityThenIdentify_BecomesOneIdentifiedProfile()
    {
        Apply(Page(Noon, null, anonymousId: "anon-1"));
        Apply(Track(Noon.AddMinutes(1), null, "Viewed Pricing", anonymousId: "anon-1"));

        var identified = Apply(Identify(Noon.AddMinutes(2), "user-1", "anon-1", new { email = "ada@example.com" }));

        var profile = Assert.Single(_workspace.Profiles);
        Assert.Same(profile, identified);
        Assert.Equal("user-1", profile.UserId);
        Assert.Same(profile, _workspace.FindByAnonymousId("anon-1"));
        Assert.Equal(3, profile.Kpis.TotalEvents);
        Assert.Equal(1, profile.Kpis.EventCounts["Viewed Pricing"]);
    }

    [Fact]
    public void Apply_IdentifyWithAnonymousIdOfExistingUserElsewhere_MergesAnonymousActivityIntoKnownUser()
    {
        Apply(Identify(Noon, "user-1", traits: new { plan = "pro" }));
        Apply(Track(Noon.AddMinutes(5), null, "Downloaded", anonymousId: "phone-anon", properties: new { }));
        Apply(Identify(Noon.AddMinutes(20), null, "phone-anon", new { device = "phone" }));

        var merged = Apply(Identify(Noon.AddMinutes(30), "user-1", "phone-anon"));

        var profile = Assert.Single(_workspace.Profiles);
        Assert.Same(profile, merged);
        Assert.Equal("user-1", profile.UserId);
        Assert.Equal("pro", profile.Attributes.GetString("plan"));
        Assert.Equal("phone", profile.Attributes.GetString("device"));
        Assert.Equal(1, profile.Kpis.EventCounts["Downloaded"]);
        Assert.Equal(4, profile.Kpis.TotalEvents);
        Assert.Same(profile, _workspace.FindByAnonymousId("phone-anon"));
    }

    [Fact]
    public void Apply_AliasOfAnonymousId_GivesAnonymousProfileTheUserId()
    {
        Apply(Track(Noon, null, "Signed Up", anonymousId: "anon-1"));

        Apply(Alias(Noon.AddMinutes(1), "anon-1", "user-1"));
        Apply(Track(Noon.AddMinutes(2), "user-1", "Logged In"));

        var profile = Assert.Single(_workspace.Profiles);
        Assert.Equal("user-1", profile.UserId);
        Assert.Equal(1, profile.Kpis.EventCounts["Signed Up"]);
        Assert.Equal(1, profile.Kpis.EventCounts["Logged In"]);
    }

    [Fact]
    public void Apply_AliasBeforeAnyActivity_LaterAnonymousEventsLandOnTheUser()
    {
        Apply(Alias(Noon, "anon-9", "user-9"));

        var profile = Apply(Track(Noon.AddMinutes(1), null, "Clicked", anonymousId: "anon-9"));

        Assert.Equal("user-9", profile.UserId);
        Assert.Single(_workspace.Profiles);
    }

    [Fact]
    public void Apply_SharedDeviceAnonymousId_StaysWithFirstUser()
    {
        Apply(Identify(Noon, "alice", "kiosk", new { name = "Alice" }));

        var bob = Apply(Identify(Noon.AddMinutes(10), "bob", "kiosk", new { name = "Bob" }));
        var anonymousAfter = Apply(Track(Noon.AddMinutes(11), null, "Clicked", anonymousId: "kiosk"));

        Assert.Equal(2, _workspace.Profiles.Count);
        Assert.Equal("bob", bob.UserId);
        Assert.Equal("Bob", bob.Attributes.GetString("name"));
        Assert.Equal("alice", _workspace.FindByAnonymousId("kiosk")!.UserId);
        Assert.Equal("Alice", _workspace.FindByUserId("alice")!.Attributes.GetString("name"));
        Assert.Equal("alice", anonymousAfter.UserId);
    }

    [Fact]
    public void Apply_AliasOfTwoUserIds_MergesIntoTheNewIdAndOldIdStillResolves()
    {
        Apply(Identify(Noon, "old-id", traits: new { email = "ada@example.com" }));
        Apply(Identify(Noon.AddMinutes(1), "new-id", traits: new { plan = "pro" }));

        var merged = Apply(Alias(Noon.AddMinutes(2), "old-id", "new-id"));
        var later = Apply(Track(Noon.AddMinutes(3), "old-id", "Clicked"));

        var profile = Assert.Single(_workspace.Profiles);
        Assert.Same(profile, merged);
        Assert.Same(profile, later);
        Assert.Equal("new-id", profile.UserId);
        Assert.Equal("ada@example.com", profile.Attributes.GetString("email"));
        Assert.Equal("pro", profile.Attributes.GetString("plan"));
        Assert.Equal(3, profile.Kpis.TotalEvents);
    }

    [Fact]
    public void Resolve_UserIdOnly_CreatesOneProfilePerUser()
    {
        var first = IdentityResolver.Resolve(_workspace, "u1", null);
        var again = IdentityResolver.Resolve(_workspace, "u1", null);
        var other = IdentityResolver.Resolve(_workspace, "u2", null);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, _workspace.Profiles.Count);
    }

    [Fact]
    public void Resolve_KnownUserWithNewAnonymousId_AttachesTheAnonymousId()
    {
        var user = IdentityResolver.Resolve(_workspace, "u1", "a1");
        IdentityResolver.Resolve(_workspace, "u1", "a2");

        Assert.Equal(["a1", "a2"], _workspace.AnonymousIdsOf(user));
        Assert.Same(user, IdentityResolver.Resolve(_workspace, null, "a2"));
    }
}
