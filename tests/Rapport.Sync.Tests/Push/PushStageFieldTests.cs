using Rapport.Data.Entities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Push;

/// <summary>Custom fields: their names, when they are created, and what happens without permission.</summary>
public sealed class PushStageFieldTests
{
    [Fact]
    public async Task RunAsync_NothingConfigured_MakesNoApiCall()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");

        await h.PushAsync(new PushSettings());

        Assert.Equal(0, h.Connector.TotalCalls);
    }

    [Fact]
    public async Task RunAsync_FieldsWithoutInfix_NamedRapportNameAndCreatedOnce()
    {
        await using var h = await PushHarness.CreateAsync();
        var settings = new PushSettings
        {
            UserFields = [new PushField { Name = "lifetime value", Type = CrmFieldType.Number }],
            AccountFields = [new PushField { Name = "tier" }],
        };
        await h.Database.TrackAsync(h.Database.Identify("u1", new { }), h.Database.Group("u1", "g1", new { tier = "gold" }));
        await h.LinkAsync("g1", "Account", "001000000000001", CrmProfileKind.Account);

        await h.PushAsync(settings);
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.PushAsync(settings);

        Assert.Equal(["Contact", "Account"], h.Schema.EnsureCalls.Select(c => c.ObjectType));
        Assert.Equal(("Rapport_Lifetime_Value__c", CrmFieldType.Number), (h.Schema.EnsureCalls[0].Specs[0].ApiName, h.Schema.EnsureCalls[0].Specs[0].Type));
        Assert.Equal(("Rapport_Tier__c", CrmFieldType.Text), (h.Schema.EnsureCalls[1].Specs[0].ApiName, h.Schema.EnsureCalls[1].Specs[0].Type));
        Assert.Equal("gold", h.Writer.Records["Account"]["001000000000001"]["Rapport_Tier__c"]);
    }

    [Fact]
    public async Task RunAsync_FieldsWithInfix_NamedWithInfixOnContactAndLead()
    {
        await using var h = await PushHarness.CreateAsync();
        var settings = new PushSettings { UserFields = [new PushField { Name = "plan" }], Infix = "EU" };
        var pull = new PullSettings { RecordTypes = [.. new PullSettings().RecordTypes.Select(r => r with { Enabled = true })] };
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.LinkAsync("u1", "Lead", "00Q000000000001");

        await h.PushAsync(settings, pull: pull);

        Assert.Equal(["Contact", "Lead"], h.Schema.EnsureCalls.Select(c => c.ObjectType));
        Assert.All(h.Schema.EnsureCalls, c => Assert.Equal("Rapport_EU_Plan__c", Assert.Single(c.Specs).ApiName));
        Assert.Equal("pro", h.Writer.Records["Lead"]["00Q000000000001"]["Rapport_EU_Plan__c"]);
    }

    [Fact]
    public async Task RunAsync_FieldAdded_CreatesFieldAgainAndPushesItToUnchangedProfiles()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "pro", title = "CTO" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");
        await h.PushAsync(new PushSettings { UserFields = [new PushField { Name = "plan" }] });
        var before = h.Writer.Writes.Count;

        await h.PushAsync(new PushSettings { UserFields = [new PushField { Name = "plan" }, new PushField { Name = "title" }] });

        Assert.Equal(2, h.Schema.EnsureCalls.Count);
        var write = Assert.Single(h.WritesSince(before));
        Assert.Equal(new Dictionary<string, object?> { ["Rapport_Title__c"] = "CTO" }, write.Fields);
    }

    [Fact]
    public async Task RunAsync_FieldCreationWithoutPermission_ThrowsInsufficientAccessAndPushesNothing()
    {
        await using var h = await PushHarness.CreateAsync();
        h.Schema.Failure = new CrmException(CrmFailureKind.InsufficientAccess, "insufficient access rights on cross-reference id", "INSUFFICIENT_ACCESS");
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");

        var error = await Assert.ThrowsAsync<CrmException>(() => h.PushAsync(new PushSettings { UserFields = [new PushField { Name = "plan" }] }));

        Assert.Equal(CrmFailureKind.InsufficientAccess, error.Kind);
        Assert.Empty(h.Writer.Writes);
    }
}
