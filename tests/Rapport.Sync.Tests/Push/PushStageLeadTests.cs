using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Push;

/// <summary>Seed 002's lead creation for known, owned profiles that no CRM record matches.</summary>
public sealed class PushStageLeadTests
{
    private static PushSettings Leads(params (string Email, string UserId)[] mapping) => new()
    {
        UserFields = [new PushField { Name = "plan" }],
        CreateLeads = new LeadCreationSettings { Enabled = true, UserMapping = mapping.ToDictionary(m => m.Email, m => m.UserId) },
    };

    [Fact]
    public async Task RunAsync_OwnedProfileWithoutRecord_CreatesLeadForMappedOwnerAndLinksIt()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { email = "ann@example.com", firstName = "Ann", lastName = "Lee", company = "Acme", plan = "pro", owner_email = "Bob@Example.com" }));

        var run = await h.PushAsync(Leads(("bob@example.com", "005000000000BOB")), integrationUserId: "005000000000INT");

        var write = Assert.Single(h.Writer.Writes);
        Assert.Equal("Lead", write.ObjectType);
        Assert.Equal("Lee", write.Fields["LastName"]);
        Assert.Equal("Ann", write.Fields["FirstName"]);
        Assert.Equal("ann@example.com", write.Fields["Email"]);
        Assert.Equal("Acme", write.Fields["Company"]);
        Assert.Equal("005000000000BOB", write.Fields["OwnerId"]);
        Assert.Equal("pro", write.Fields["Rapport_Plan__c"]);
        Assert.Equal(1, run.For("push", "Lead").Created);
        var link = Assert.Single(await h.LinksOfAsync("u1"));
        Assert.Equal(("Lead", write.Id), (link.ObjectType, link.RecordId));
    }

    [Fact]
    public async Task RunAsync_OwnerNotMapped_LeadOwnedByIntegrationUserWithDefaults()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { email = "carla@example.com", owner_email = "nobody@example.com" }));

        await h.PushAsync(Leads(("bob@example.com", "005000000000BOB")), integrationUserId: "005000000000INT");

        var write = Assert.Single(h.Writer.Writes);
        Assert.Equal("005000000000INT", write.Fields["OwnerId"]);
        Assert.Equal("carla", write.Fields["LastName"]);
        Assert.Equal("[not provided]", write.Fields["Company"]);
    }

    [Fact]
    public async Task RunAsync_CreatedLead_NotCreatedAgainAndLaterChangesUpdateIt()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { email = "ann@example.com", owner_email = "bob@example.com", plan = "free" }));
        await h.PushAsync(Leads(), integrationUserId: "005000000000INT");
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        var before = h.Writer.Writes.Count;

        var run = await h.PushAsync(Leads(), integrationUserId: "005000000000INT");

        var write = Assert.Single(h.WritesSince(before));
        Assert.Equal(new Dictionary<string, object?> { ["Rapport_Plan__c"] = "pro" }, write.Fields);
        Assert.Equal((0L, 1L), (run.For("push", "Lead").Created, run.For("push", "Lead").Updated));
    }

    [Fact]
    public async Task RunAsync_ProfileWithoutOwnerOrAlreadyLinked_CreatesNoLead()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { email = "ann@example.com", plan = "pro" }), ("u2", new { email = "dan@example.com", owner_email = "bob@example.com" }));
        await h.LinkAsync("u2", "Contact", "003000000000002");

        await h.PushAsync(Leads());

        Assert.DoesNotContain(h.Writer.Writes, w => w.ObjectType == "Lead");
    }

    [Fact]
    public async Task RunAsync_LeadCreationOff_CreatesNoLead()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { email = "ann@example.com", plan = "pro", owner_email = "bob@example.com" }));

        await h.PushAsync(new PushSettings { UserFields = [new PushField { Name = "plan" }] });

        Assert.Empty(h.Writer.Writes);
    }
}
