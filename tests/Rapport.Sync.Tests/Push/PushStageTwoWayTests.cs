using System.Text;
using System.Text.Json;
using Rapport.Data.Entities;
using Rapport.Sync.Matching;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Push;

/// <summary>Two-way fields and account-level records: the CRM's own value counts as already pushed.</summary>
public sealed class PushStageTwoWayTests
{
    [Fact]
    public async Task RunAsync_TwoWayValuesInCrmFormat_AreNoChange()
    {
        await using var h = await PushHarness.CreateAsync();
        var settings = new PushSettings
        {
            UserFields =
            [
                new PushField { Name = "renewal", TargetField = "Renewal__c", Type = CrmFieldType.DateTime },
                new PushField { Name = "seats", TargetField = "Seats__c", Type = CrmFieldType.Number },
            ],
        };
        await h.IdentifyAsync(("u1", new { renewal = "2026-11-20T11:30:00Z", seats = 3 }));
        await h.LinkAsync("u1", "Contact", "003000000000001", pulledValues: """{"Renewal__c":"2026-11-20T11:30:00.000+0000","Seats__c":3.0}""");

        var run = await h.PushAsync(settings);

        Assert.Empty(h.Writer.Writes);
        Assert.Equal(1, run.For("push", "Contact").Unchanged);
    }

    [Fact]
    public async Task RunAsync_CustomAccountObject_PushesAccountFieldsToIt()
    {
        await using var h = await PushHarness.CreateAsync();
        var pull = new PullSettings
        {
            RecordTypes = [RecordTypeSettings.Default("Contact", CrmObjectKind.Contact, true), RecordTypeSettings.Default("Company__c", CrmObjectKind.Account, true)],
        };
        var settings = new PushSettings { AccountFields = [new PushField { Name = "plan" }, new PushField { Name = "npsScore", Source = PushValueSource.Kpi }] };
        await h.Database.TrackAsync(
            h.Database.Group("u1", "g1", new { plan = "enterprise" }),
            h.Database.Track("u1", "nps_score", new { score = 7 }));
        await h.LinkAsync("g1", "Company__c", "a01000000000001", CrmProfileKind.Account);

        var run = await h.PushAsync(settings, pull: pull);

        Assert.Equal("Company__c", Assert.Single(h.Schema.EnsureCalls).ObjectType);
        var record = h.Writer.Records["Company__c"]["a01000000000001"];
        Assert.Equal(("enterprise", 7m), (record["Rapport_Plan__c"], record["Rapport_NpsScore__c"]));
        Assert.Equal(1, run.For("push", "Company__c").Updated);
    }

    [Fact]
    public async Task RunAsync_AnonymousProfileLinkedByAnonymousId_PushesToItsRecord()
    {
        await using var h = await PushHarness.CreateAsync();
        var identify = h.Database.Identify("ignored", new { });
        await h.Database.TrackAsync(identify with
        {
            UserId = null, AnonymousId = "a-42",
            Payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "identify", anonymousId = "a-42", traits = new { plan = "trial" } })),
        });
        await h.LinkAsync("anon:a-42", "Contact", "003000000000042");

        await h.PushAsync(new PushSettings { UserFields = [new PushField { Name = "plan" }] });

        Assert.Equal("trial", h.Writer.Records["Contact"]["003000000000042"]["Rapport_Plan__c"]);
    }
}
