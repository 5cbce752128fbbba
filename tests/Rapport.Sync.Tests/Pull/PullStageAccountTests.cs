using Rapport.Sync.Matching;
using Rapport.Sync.Settings;
using static Rapport.Sync.Tests.Pull.PullTestKit;

namespace Rapport.Sync.Tests.Pull;

public class PullStageAccountTests
{
    private static Rapport.Sync.Matching.CrmRecord Account(string id, params (string Field, string? Value)[] fields)
        => Record(CrmObjectKind.Account, id, Modified, fields);

    [Fact]
    public async Task RunAsync_AccountNameMatchesExactly_AccountGetsPulledValues()
    {
        await using var kit = await CreateAsync();
        await kit.Db.TrackAsync(kit.Db.Group("u1", "g1", new { name = "Acme" }, Before));
        kit.Reader.Put("Account", Account("001A", ("Name", "Acme"), ("Industry", "Retail")), Account("001B", ("Name", "acme"), ("Industry", "Other")));

        var run = await kit.RunAsync(Config(null, AccountType()));

        var account = await kit.AccountAsync("g1");
        Assert.Equal(("Retail", "salesforce"), Read(account!.Attributes, "industry"));
        var link = Assert.Single(await kit.LinksAsync());
        Assert.Equal(("001A", "g1", Rapport.Data.Entities.CrmProfileKind.Account), (link.RecordId, link.ProfileKey, link.ProfileKind));
        Assert.Equal(1, run.For("pull", "Account").Matched);
    }

    [Fact]
    public async Task RunAsync_AccountIdsFromContacts_UnmatchedAccountTakesItsContactsAccount()
    {
        await using var kit = await CreateAsync();
        await kit.Db.TrackAsync(
            kit.Db.Identify("u1", new { email = "ada@example.com" }, Before),
            kit.Db.Group("u1", "g1", new { name = "Acme Inc" }, Before));
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("AccountId", "001X")));
        kit.Reader.Put("Account", Account("001X", ("Name", "ACME Corporation"), ("Industry", "Retail")));

        await kit.RunAsync(Config(new PullSettings { AccountIdsFromContacts = true }, AccountType(), ContactType()));

        Assert.Equal("Retail", Read((await kit.AccountAsync("g1"))!.Attributes, "industry")?.Value);
        Assert.Contains(await kit.LinksAsync(), l => l is { ObjectType: "Account", RecordId: "001X", ProfileKey: "g1" });
    }

    [Fact]
    public async Task RunAsync_AccountIdsFromContactsOff_UnmatchedAccountStaysUnlinked()
    {
        await using var kit = await CreateAsync();
        await kit.Db.TrackAsync(
            kit.Db.Identify("u1", new { email = "ada@example.com" }, Before),
            kit.Db.Group("u1", "g1", new { name = "Acme Inc" }, Before));
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("AccountId", "001X")));
        kit.Reader.Put("Account", Account("001X", ("Name", "ACME Corporation"), ("Industry", "Retail")));

        await kit.RunAsync(Config(null, AccountType(), ContactType()));

        Assert.Null(Read((await kit.AccountAsync("g1"))!.Attributes, "industry"));
        Assert.DoesNotContain(await kit.LinksAsync(), l => l.ObjectType == "Account");
    }

    [Fact]
    public async Task RunAsync_CreateMissingAccount_CreatesAccountKeyedByRecordId()
    {
        await using var kit = await CreateAsync();
        kit.Reader.Put("Account", Account("001N", ("Name", "Newco"), ("Industry", "Energy")));

        var run = await kit.RunAsync(Config(new PullSettings { Mode = PullMode.CreateMissing }, AccountType()));

        Assert.Equal(("Energy", "salesforce"), Read((await kit.AccountAsync("001N"))!.Attributes, "industry"));
        Assert.Equal(1, run.For("pull", "Account").Created);
    }
}
