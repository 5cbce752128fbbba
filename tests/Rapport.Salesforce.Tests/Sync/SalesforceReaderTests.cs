using System.Net.Http.Json;
using Rapport.Salesforce.Sync;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>Pull reads against the emulator: filters, incremental modstamps, deletions, conversions, paging, field visibility.</summary>
public sealed class SalesforceReaderTests : ConnectorTestBase
{
    [Fact]
    public void Build_AllFilters_JoinsThemWithAndInModstampOrder()
    {
        var request = new CrmReadRequest
        {
            ObjectType = "Lead", Kind = CrmObjectKind.Lead, Fields = ["Email", "Id"], IncludeDeleted = true,
            ModstampFrom = Start, CreatedAfter = Start.AddDays(-30), ModifiedAfter = Start.AddDays(-7),
        };

        var soql = SalesforceReader.Build("Lead", ["Email", "Id"], request, isLead: true);

        Assert.Equal("SELECT Id, CreatedDate, SystemModstamp, Email, IsDeleted, IsConverted, ConvertedContactId FROM Lead "
            + "WHERE SystemModstamp >= 2026-01-01T00:00:00Z AND CreatedDate >= 2025-12-02T00:00:00Z AND LastModifiedDate >= 2025-12-25T00:00:00Z "
            + "ORDER BY SystemModstamp ASC, Id ASC", soql);
    }

    [Fact]
    public void Build_OverlapWithOwnUser_RereadsTheWindowOnlyForOtherUsersChanges()
    {
        var request = Contacts("Email") with { ModstampFrom = Start, OverlapFrom = Start.AddMinutes(-1), OwnUserId = "005000000000001AAA" };

        var soql = SalesforceReader.Build("Contact", ["Email"], request, isLead: false);

        Assert.Contains("WHERE (SystemModstamp > 2026-01-01T00:00:00Z OR (SystemModstamp >= 2025-12-31T23:59:00Z AND LastModifiedById != '005000000000001AAA'))",
            soql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OwnWriteInTheCursorSecond_IsNotReadBackButAnotherUsersIs()
    {
        var id = await CreateContactAsync("Pushed by Rapport");
        var cursor = (await ReadAllAsync(Contacts())).Single(r => r.Id == id).Modstamp;
        var own = (await Connector.Client.GetIdentityAsync(Ct)).UserId!;
        var window = Contacts("LastName") with { ModstampFrom = cursor, OverlapFrom = cursor.AddMinutes(-1) };

        var asOwnUser = await ReadAllAsync(window with { OwnUserId = own });
        var asSomeoneElse = await ReadAllAsync(window with { OwnUserId = "005000000000001AAA" });

        Assert.DoesNotContain(asOwnUser, r => r.Id == id);
        Assert.Contains(asSomeoneElse, r => r.Id == id);
    }

    [Fact]
    public async Task ReadAsync_CreatedAndModifiedFilters_ReturnsOnlyRecordsMatchingBoth()
    {
        var oldUntouched = await CreateContactAsync("Old untouched");
        var oldModified = await CreateContactAsync("Old modified");
        await AdvanceClockAsync(TimeSpan.FromDays(10));
        var recent = await CreateContactAsync("Recent");
        await Connector.Client.UpdateAsync("Contact", oldModified, new Dictionary<string, object?> { ["Title"] = "CEO" }, cancellationToken: Ct);
        var cutoff = Start.AddDays(5);

        var both = await ReadAllAsync(Contacts("LastName") with { CreatedAfter = cutoff, ModifiedAfter = cutoff });
        var modified = await ReadAllAsync(Contacts("LastName") with { ModifiedAfter = cutoff });
        var all = await ReadAllAsync(Contacts("LastName"));

        Assert.Equal([recent], both.Select(r => r.Id));
        Assert.Equal(new[] { recent, oldModified }.Order(StringComparer.Ordinal), modified.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(3, all.Count);
        // The emulator's clock keeps running after it is set, so times are checked to the minute.
        Assert.Contains(all, r => r.Id == oldUntouched && r.Get("LastName") == "Old untouched" && r.CreatedDate - Start < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ReadAsync_FromModstamp_ReturnsOnlyLaterChangesInModstampOrder()
    {
        var first = await CreateContactAsync("First");
        await AdvanceClockAsync(TimeSpan.FromMinutes(1));
        var second = await CreateContactAsync("Second");
        var checkpoint = (await ReadAllAsync(Contacts())).Max(r => r.Modstamp);
        Assert.True(checkpoint >= Start.AddMinutes(1));
        await AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Connector.Client.UpdateAsync("Contact", first, new Dictionary<string, object?> { ["Title"] = "Changed" }, cancellationToken: Ct);

        var changed = await ReadAllAsync(Contacts("Title") with { ModstampFrom = checkpoint.AddSeconds(1) });
        var overlap = await ReadAllAsync(Contacts("Title") with { ModstampFrom = checkpoint });

        var record = Assert.Single(changed);
        Assert.Equal(first, record.Id);
        Assert.Equal("Changed", record.Get("Title"));
        Assert.InRange(record.Modstamp, Start.AddMinutes(2), Start.AddMinutes(3));
        Assert.Equal([second, first], overlap.Select(r => r.Id));
    }

    [Fact]
    public async Task ReadAsync_IncludeDeleted_ReturnsDeletedRecordsMarked()
    {
        var kept = await CreateContactAsync("Kept");
        var deleted = await CreateContactAsync("Deleted");
        await Connector.Client.DeleteAsync("Contact", deleted, Ct);

        var live = await ReadAllAsync(Contacts());
        var withDeleted = await ReadAllAsync(Contacts() with { IncludeDeleted = true });

        Assert.Equal([kept], live.Select(r => r.Id));
        Assert.False(withDeleted.Single(r => r.Id == kept).IsDeleted);
        Assert.True(withDeleted.Single(r => r.Id == deleted).IsDeleted);
    }

    [Fact]
    public async Task ReadAsync_ConvertedLead_CarriesTheContactItBecame()
    {
        var open = await CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Open", ["Company"] = "Acme" });
        var converted = await CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Converted", ["Company"] = "Acme", ["Email"] = "c@acme.test" });
        using var response = await Host.Controls.PostAsync($"/__emulator/leads/{converted}/convert", JsonContent.Create(new { }), Ct);
        response.EnsureSuccessStatusCode();
        var contact = (await QueryAsync("SELECT Id FROM Contact WHERE Email = 'c@acme.test'")).Single().GetProperty("Id").GetString();

        var leads = await ReadAllAsync(new CrmReadRequest { ObjectType = "Lead", Kind = CrmObjectKind.Lead, Fields = ["Email"] });

        Assert.Null(leads.Single(r => r.Id == open).ConvertedToId);
        Assert.Equal(contact, leads.Single(r => r.Id == converted).ConvertedToId);
        Assert.All(leads, r => Assert.Equal(CrmObjectKind.Lead, r.Kind));
    }

    [Fact]
    public async Task ReadAsync_MoreThan2000Records_StreamsPagesOf2000WithOneQueryCallEach()
    {
        await Host.ControlAsync("/__emulator/data/seed", new { contacts = 2500, accounts = 10, leads = 0, opportunities = 0 });

        var pages = new List<int>();
        await foreach (var page in Connector.Reader.ReadAsync(Contacts("Email"), Ct))
        {
            pages.Add(page.Count);
        }

        var live = (await QueryAsync("SELECT Id FROM Contact")).Count;
        Assert.True(live > 2000, $"the seed should leave more than 2,000 live contacts, not {live}");
        Assert.Equal([2000, live - 2000], pages);
        Assert.Equal(2, Calls("query"));
    }

    [Fact]
    public async Task ReadAsync_TypedFields_AreInvariantStrings()
    {
        await CreateAsync("Contact", new Dictionary<string, object?>
        {
            ["LastName"] = "Typed", ["HasOptedOutOfEmail"] = true, ["DoNotCall"] = false, ["Birthdate"] = new DateOnly(1980, 5, 17),
            ["EmailBouncedDate"] = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)),
        });

        var record = Assert.Single(await ReadAllAsync(Contacts("HasOptedOutOfEmail", "DoNotCall", "Birthdate", "EmailBouncedDate", "Email")));

        Assert.Equal("true", record.Get("HasOptedOutOfEmail"));
        Assert.Equal("false", record.Get("DoNotCall"));
        Assert.Equal("1980-05-17", record.Get("Birthdate"));
        Assert.Equal("2025-03-04T03:06:07.000Z", record.Get("EmailBouncedDate"));
        Assert.Null(record.Get("Email"));
        Assert.True(record.Fields.ContainsKey("Email"));
    }

    [Fact]
    public async Task ReadAsync_FieldHiddenByFieldLevelSecurity_ThrowsConfigurationNamingTheField()
    {
        await Connector.Client.Tooling.CreateCustomFieldAsync(new Tooling.CustomFieldDefinition
        {
            FullName = "Contact.Hidden_Score__c", Label = "Hidden", Type = "Number", Precision = 18, Scale = 2,
        }, Ct);

        var error = await Assert.ThrowsAsync<CrmException>(() => ReadAllAsync(Contacts("Email", "Hidden_Score__c")));

        Assert.Equal(CrmFailureKind.Configuration, error.Kind);
        Assert.Equal("Field Hidden_Score__c on Contact is not visible to the integration user: grant it field-level security or remove the mapping.", error.Message);
        Assert.Equal(0, Calls("query"));
    }
}
