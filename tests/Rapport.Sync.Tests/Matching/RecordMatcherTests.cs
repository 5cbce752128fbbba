using Rapport.Sync.Matching;

namespace Rapport.Sync.Tests.Matching;

public class RecordMatcherTests
{
    private static readonly DateTimeOffset Jan = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProfileKeys Profile(long id, string? email = null, string? name = null, string? linked = null,
        params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string?> { ["email"] = email, ["name"] = name };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }
        return new ProfileKeys(id, linked, attributes);
    }

    private static CrmRecord Record(CrmObjectKind kind, string id, DateTimeOffset created, params (string Field, string? Value)[] fields)
        => new(kind, id, created, fields.ToDictionary(f => f.Field, f => f.Value));

    [Fact]
    public void Decide_EmailDiffersOnlyInCase_DoesNotMatch()
    {
        var matcher = new RecordMatcher([Profile(1, email: "Ada@Example.com")], new MatchOptions());

        var decisions = matcher.Decide([Record(CrmObjectKind.Contact, "003A", Jan, ("Email", "ada@example.com"))]);

        Assert.Empty(decisions);
    }

    [Fact]
    public void Decide_ContactAndLeadBothMatch_LinksContact()
    {
        var matcher = new RecordMatcher([Profile(1, email: "ada@example.com")], new MatchOptions());

        var decisions = matcher.Decide([
            Record(CrmObjectKind.Lead, "00QA", Jan.AddDays(-10), ("Email", "ada@example.com")),
            Record(CrmObjectKind.Contact, "003A", Jan, ("Email", "ada@example.com")),
        ]);

        var decision = Assert.Single(decisions);
        Assert.Equal("003A", decision.Record.Id);
        Assert.Equal(MatchReason.Email, decision.Reason);
    }

    [Fact]
    public void Decide_SalesforceIdBeatsMatchFieldAndEmail()
    {
        var options = new MatchOptions { MatchFields = [new MatchField("Customer_Key__c", "customerKey")] };
        var matcher = new RecordMatcher([Profile(1, email: "ada@example.com", linked: "003OLD", extra: ("customerKey", "K1"))], options);

        var decisions = matcher.Decide([
            Record(CrmObjectKind.Contact, "003NEW", Jan.AddDays(-100), ("Email", "ada@example.com"), ("Customer_Key__c", "K1")),
            Record(CrmObjectKind.Contact, "003OLD", Jan),
        ]);

        Assert.Equal("003OLD", Assert.Single(decisions).Record.Id);
        Assert.Equal(MatchReason.SalesforceId, decisions[0].Reason);
    }

    [Fact]
    public void Decide_MatchFieldBeatsEmail()
    {
        var options = new MatchOptions { MatchFields = [new MatchField("Customer_Key__c", "customerKey")] };
        var matcher = new RecordMatcher([Profile(1, email: "ada@example.com", extra: ("customerKey", "K1"))], options);

        var decisions = matcher.Decide([
            Record(CrmObjectKind.Contact, "003EMAIL", Jan.AddDays(-100), ("Email", "ada@example.com")),
            Record(CrmObjectKind.Contact, "003KEY", Jan, ("Customer_Key__c", "K1")),
        ]);

        Assert.Equal("003KEY", Assert.Single(decisions).Record.Id);
    }

    [Fact]
    public void Decide_OnlyDesignatedMatchFields_IgnoresEmailAndName()
    {
        var options = new MatchOptions { MatchFields = [new MatchField("Customer_Key__c", "customerKey")], OnlyDesignatedMatchFields = true };
        var matcher = new RecordMatcher([Profile(1, email: "ada@example.com", name: "Ada")], options);

        var decisions = matcher.Decide([Record(CrmObjectKind.Contact, "003A", Jan, ("Email", "ada@example.com"), ("Name", "Ada"))]);

        Assert.Empty(decisions);
    }

    [Fact]
    public void Decide_SeveralContactsMatch_OldestWinsWithWarning()
    {
        var matcher = new RecordMatcher([Profile(1, email: "ada@example.com")], new MatchOptions());

        var decisions = matcher.Decide([
            Record(CrmObjectKind.Contact, "003NEWER", Jan.AddDays(5), ("Email", "ada@example.com")),
            Record(CrmObjectKind.Contact, "003OLDEST", Jan, ("Email", "ada@example.com")),
        ]);

        var decision = Assert.Single(decisions);
        Assert.Equal("003OLDEST", decision.Record.Id);
        Assert.Contains("2 Contact records", decision.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ConvertedLead_MovesLinkToItsContact()
    {
        var matcher = new RecordMatcher([Profile(1, email: "changed@example.com", linked: "00QLEAD")], new MatchOptions());

        var decisions = matcher.Decide([
            Record(CrmObjectKind.Lead, "00QLEAD", Jan, ("Email", "ada@example.com")) with { ConvertedToId = "003CONTACT" },
            Record(CrmObjectKind.Contact, "003CONTACT", Jan.AddDays(1), ("Email", "ada@example.com")),
        ]);

        var decision = Assert.Single(decisions);
        Assert.Equal("003CONTACT", decision.Record.Id);
        Assert.Equal(MatchReason.SalesforceId, decision.Reason);
    }

    [Fact]
    public void Decide_Accounts_MatchExactNameButNeverEmail()
    {
        var matcher = new RecordMatcher([Profile(1, email: "billing@acme.com", name: "Acme")], new MatchOptions(), accounts: true);

        var byName = matcher.Decide([Record(CrmObjectKind.Account, "001A", Jan, ("Name", "Acme"))]);
        var byEmail = matcher.Decide([Record(CrmObjectKind.Account, "001B", Jan, ("Name", "Acme Fireworks"), ("Email", "billing@acme.com"))]);

        Assert.Equal("001A", Assert.Single(byName).Record.Id);
        Assert.Empty(byEmail);
    }
}
