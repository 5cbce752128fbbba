using Rapport.Data.Entities;
using Rapport.Sync.Matching;
using Rapport.Sync.Settings;
using static Rapport.Sync.Tests.Pull.PullTestKit;

namespace Rapport.Sync.Tests.Pull;

public class PullStageMatchingTests
{
    [Fact]
    public async Task RunAsync_ContactMatchesByEmail_ProfileShowsPulledValuesFromSalesforce()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com", title = "Engineer" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO"), ("FirstName", "Ada")));

        var run = await kit.RunAsync(Config());

        Assert.Equal(("CTO", "salesforce"), await kit.AttributeAsync("u1", "title"));
        Assert.Equal(("Ada", "salesforce"), await kit.AttributeAsync("u1", "firstName"));
        var link = Assert.Single(await kit.LinksAsync());
        Assert.Equal(("003A", "u1", CrmProfileKind.User), (link.RecordId, link.ProfileKey, link.ProfileKind));
        var stats = run.For("pull", "Contact");
        Assert.Equal((1, 1, 1, 0), (stats.Read, stats.Matched, stats.Updated, stats.Created));
    }

    [Fact]
    public async Task RunAsync_EmailDiffersOnlyInCase_DoesNotMatch()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "Ada@Example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO")));

        var run = await kit.RunAsync(Config());

        Assert.Null(await kit.AttributeAsync("u1", "title"));
        Assert.Empty(await kit.LinksAsync());
        Assert.Equal(0, run.For("pull", "Contact").Matched);
    }

    [Fact]
    public async Task RunAsync_MatchFieldAndEmailPointToDifferentRecords_MatchFieldWins()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com", customerKey = "K1" });
        kit.Reader.Put("Contact",
            Record(CrmObjectKind.Contact, "003EMAIL", Modified, ("Email", "ada@example.com"), ("Title", "by email")) with { CreatedDate = Before.AddYears(-5) },
            Contact("003KEY", ("Customer_Key__c", "K1"), ("Title", "by key")));

        await kit.RunAsync(Config(null, ContactType(new MatchField("Customer_Key__c", "customerKey"))));

        Assert.Equal("by key", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal("003KEY", Assert.Single(await kit.LinksAsync()).RecordId);
    }

    [Theory]
    [InlineData("K1")]
    [InlineData(42)]
    public async Task RunAsync_OnlyTheMatchFieldMatches_FindsProfileByAttributeValue(object customerKey)
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com", customerKey });
        await kit.IdentifyAsync("u2", new { email = "bob@example.com", customerKey = "other" });
        kit.Reader.Put("Contact", Contact("003KEY", ("Email", "someone.else@example.com"), ("Customer_Key__c", customerKey.ToString()), ("Title", "by key")));

        await kit.RunAsync(Config(null, ContactType(new MatchField("Customer_Key__c", "customerKey"))));

        Assert.Equal("by key", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Null(await kit.AttributeAsync("u2", "title"));
        Assert.Equal("u1", Assert.Single(await kit.LinksAsync()).ProfileKey);
    }

    [Fact]
    public async Task RunAsync_ProfileAlreadyLinked_SalesforceIdBeatsMatchField()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { customerKey = "K1" });
        await kit.AddLinkAsync("Contact", "003LINKED", "u1");
        kit.Reader.Put("Contact",
            Contact("003KEY", ("Customer_Key__c", "K1"), ("Title", "by key")),
            Contact("003LINKED", ("Title", "by id")));

        await kit.RunAsync(Config(null, ContactType(new MatchField("Customer_Key__c", "customerKey"))));

        Assert.Equal("by id", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal(["003LINKED"], (await kit.LinksAsync()).Select(l => l.RecordId));
    }

    [Fact]
    public async Task RunAsync_MatchFieldOnUserId_MatchesProfileByItsUserId()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("cust-42", new { plan = "pro" });
        kit.Reader.Put("Contact", Contact("003A", ("External_Id__c", "cust-42"), ("Title", "CFO")));

        await kit.RunAsync(Config(null, ContactType(new MatchField("External_Id__c", "userId"))));

        Assert.Equal("CFO", (await kit.AttributeAsync("cust-42", "title"))?.Value);
    }

    [Fact]
    public async Task RunAsync_OnlyDesignatedMatchFields_IgnoresEmail()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO")));
        var pull = new PullSettings { OnlyDesignatedMatchFields = true };

        await kit.RunAsync(Config(pull, ContactType(new MatchField("Customer_Key__c", "customerKey"))));

        Assert.Empty(await kit.LinksAsync());
        Assert.Null(await kit.AttributeAsync("u1", "title"));
    }

    [Fact]
    public async Task RunAsync_ContactAndLeadMatchOneProfile_LinksTheContactOnly()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "from contact")));
        kit.Reader.Put("Lead", Record(CrmObjectKind.Lead, "00QA", Modified.AddDays(1), ("Email", "ada@example.com"), ("Title", "from lead")));

        await kit.RunAsync(Config(null, LeadType(), ContactType()));

        Assert.Equal("from contact", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal([("Contact", "003A")], (await kit.LinksAsync()).Select(l => (l.ObjectType, l.RecordId)));
    }

    [Fact]
    public async Task RunAsync_LeadConverted_LinkMovesToTheContact()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Lead", Record(CrmObjectKind.Lead, "00QA", Modified, ("Email", "ada@example.com"), ("Title", "lead")));
        var settings = Config(null, ContactType(), LeadType());
        await kit.RunAsync(settings);

        // Converted into a contact whose email no profile has: only the lead's link can find the profile.
        kit.Reader.Put("Lead", Record(CrmObjectKind.Lead, "00QA", Modified.AddDays(1), ("Email", "ada@example.com")) with { ConvertedToId = "003NEW" });
        kit.Reader.Put("Contact", Contact("003NEW", ("Email", "ada.new@example.com")) with { Modstamp = Modified.AddDays(1) });
        await kit.RunAsync(settings);

        var links = await kit.LinksAsync();
        var lead = Assert.Single(links, l => l.ObjectType == "Lead");
        Assert.True(lead.Deleted);
        Assert.Equal("003NEW", lead.ConvertedToId);
        var contact = Assert.Single(links, l => l.ObjectType == "Contact");
        Assert.Equal(("003NEW", "u1", false), (contact.RecordId, contact.ProfileKey, contact.Deleted));
    }

    [Fact]
    public async Task Bug_TwoLeadsConvertedIntoOneContactInOnePage_OneContactLinkForTheFirstLead()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        await kit.IdentifyAsync("u2", new { email = "bob@example.com" });
        kit.Reader.Put("Lead",
            Record(CrmObjectKind.Lead, "00QA", Modified, ("Email", "ada@example.com")),
            Record(CrmObjectKind.Lead, "00QB", Modified, ("Email", "bob@example.com")));
        var settings = Config(null, ContactType(), LeadType());
        await kit.RunAsync(settings);

        // Both leads become the same contact, and both conversions arrive in one page.
        kit.Reader.Put("Lead",
            Record(CrmObjectKind.Lead, "00QA", Modified.AddDays(1), ("Email", "ada@example.com")) with { ConvertedToId = "003NEW" },
            Record(CrmObjectKind.Lead, "00QB", Modified.AddDays(1), ("Email", "bob@example.com")) with { ConvertedToId = "003NEW" });
        await kit.RunAsync(settings);

        var links = await kit.LinksAsync();
        Assert.Equal([("00QA", true, "003NEW"), ("00QB", true, "003NEW")],
            links.Where(l => l.ObjectType == "Lead").Select(l => (l.RecordId, l.Deleted, l.ConvertedToId)));
        var contact = Assert.Single(links, l => l.ObjectType == "Contact");
        Assert.Equal(("003NEW", "u1", false), (contact.RecordId, contact.ProfileKey, contact.Deleted));
    }

    [Fact]
    public async Task RunAsync_ContactMatched_LinkKeepsTheRecordsTimesAndTheSyncTime()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        var record = Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO"));
        kit.Reader.Put("Contact", record);

        await kit.RunAsync(Config());

        var link = Assert.Single(await kit.LinksAsync());
        Assert.Equal((record.CreatedDate.UtcDateTime, record.Modstamp.UtcDateTime), (link.RecordCreatedAt, link.RecordModstamp!.Value));
        Assert.Equal((Now.UtcDateTime, Now.UtcDateTime), (link.LinkedAt, link.LastSyncedAt!.Value));
        Assert.Equal((false, (string?)null, "{\"AccountId\":null,\"FirstName\":null,\"Title\":\"CTO\"}"), (link.Deleted, link.ConvertedToId, link.PulledValues));
    }

    [Fact]
    public async Task RunAsync_TwoContactsMatchOneProfile_OldestLinkedAndDuplicateWarned()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact",
            Record(CrmObjectKind.Contact, "003NEWER", Modified, ("Email", "ada@example.com"), ("Title", "newer")) with { CreatedDate = Before.AddYears(-1) },
            Record(CrmObjectKind.Contact, "003OLDER", Modified, ("Email", "ada@example.com"), ("Title", "older")) with { CreatedDate = Before.AddYears(-2) });

        var run = await kit.RunAsync(Config());

        Assert.Equal("older", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal("003OLDER", Assert.Single(await kit.LinksAsync()).RecordId);
        var warning = Assert.Single(run.Errors);
        Assert.Equal(("pull", "Contact", "DUPLICATE_MATCH"), (warning.Stage, warning.ObjectType, warning.ErrorCode));
        Assert.Contains("003OLDER", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoProfilesMatchOneRecord_OlderProfileLinkedAndDuplicateWarned()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("first", new { email = "shared@example.com" });
        await kit.IdentifyAsync("second", new { email = "shared@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "shared@example.com"), ("Title", "CTO")));

        var run = await kit.RunAsync(Config());

        Assert.Equal("first", Assert.Single(await kit.LinksAsync()).ProfileKey);
        Assert.Equal("CTO", (await kit.AttributeAsync("first", "title"))?.Value);
        Assert.Null(await kit.AttributeAsync("second", "title"));
        Assert.Equal("DUPLICATE_MATCH", Assert.Single(run.Errors).ErrorCode);
    }
}
