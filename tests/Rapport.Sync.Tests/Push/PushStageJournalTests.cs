using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Push;

/// <summary>The change journal: only changed fields go out, nothing twice, rejected payloads held back.</summary>
public sealed class PushStageJournalTests
{
    private static readonly PushSettings PlanAndTitle = new()
    {
        UserFields = [new PushField { Name = "plan" }, new PushField { Name = "title" }],
    };

    [Fact]
    public async Task RunAsync_OneAttributeChanged_SendsOnlyThatField()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "free", title = "CTO" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");
        await h.PushAsync(PlanAndTitle);

        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        var before = h.Writer.Writes.Count;
        var run = await h.PushAsync(PlanAndTitle);

        var write = Assert.Single(h.WritesSince(before));
        Assert.Equal(new Dictionary<string, object?> { ["Rapport_Plan__c"] = "pro" }, write.Fields);
        Assert.Equal("CTO", h.Writer.Records["Contact"]["003000000000001"]["Rapport_Title__c"]);
        Assert.Equal(1, run.For("push", "Contact").Updated);
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutChanges_MakesNoApiCall()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "free" }), ("u2", new { plan = "pro" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");
        await h.LinkAsync("u2", "Contact", "003000000000002");
        await h.PushAsync(PlanAndTitle);
        var calls = h.Connector.TotalCalls;

        var run = await h.PushAsync(PlanAndTitle);

        Assert.Equal(calls, h.Connector.TotalCalls);
        Assert.Equal(0, run.For("push", "Contact").Read);
    }

    [Fact]
    public async Task RunAsync_ProfileChangedOutsidePushedFields_SendsNothing()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "free" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");
        await h.PushAsync(PlanAndTitle);
        await h.IdentifyAsync(("u1", new { favouriteColour = "green" }));
        var calls = h.Connector.TotalCalls;

        var run = await h.PushAsync(PlanAndTitle);

        Assert.Equal(calls, h.Connector.TotalCalls);
        Assert.Equal(1, run.For("push", "Contact").Unchanged);
    }

    [Fact]
    public async Task RunAsync_RejectedRecord_NotResentUntilItsValuesChange()
    {
        await using var h = await PushHarness.CreateAsync();
        h.Writer.Reject = (_, fields) => Equals(fields.GetValueOrDefault("Rapport_Plan__c"), "bad")
            ? new CrmError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Plan is not allowed", ["Rapport_Plan__c"])
            : null;
        await h.IdentifyAsync(("u1", new { plan = "bad" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");

        var first = await h.PushAsync(PlanAndTitle);
        await h.IdentifyAsync(("u1", new { favouriteColour = "green" }));
        var before = h.Writer.Writes.Count;
        var second = await h.PushAsync(PlanAndTitle);
        var held = h.WritesSince(before).Count;
        await h.IdentifyAsync(("u1", new { plan = "good" }));
        var third = await h.PushAsync(PlanAndTitle);

        Assert.Equal(1, first.For("push", "Contact").Failed);
        var error = Assert.Single(first.Errors);
        Assert.Equal(("FIELD_CUSTOM_VALIDATION_EXCEPTION", "003000000000001", "u1"), (error.ErrorCode, error.RecordId, error.ProfileKey));
        Assert.Equal(0, held);
        Assert.Equal(0, second.For("push", "Contact").Failed);
        Assert.Equal(1, third.For("push", "Contact").Updated);
        Assert.Equal("good", h.Writer.Records["Contact"]["003000000000001"]["Rapport_Plan__c"]);
        Assert.Null((await h.FindLinkAsync("Contact", "003000000000001"))!.RejectedPushHash);
    }

    [Fact]
    public async Task RunAsync_TransientRecordError_RetriedOnNextRun()
    {
        await using var h = await PushHarness.CreateAsync();
        var locked = true;
        h.Writer.Reject = (_, _) => locked ? new CrmError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", []) : null;
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.LinkAsync("u1", "Contact", "003000000000001");

        var first = await h.PushAsync(PlanAndTitle);
        locked = false;
        var second = await h.PushAsync(PlanAndTitle);

        Assert.Equal(1, first.For("push", "Contact").Failed);
        Assert.Equal(1, second.For("push", "Contact").Updated);
        Assert.Equal("pro", h.Writer.Records["Contact"]["003000000000001"]["Rapport_Plan__c"]);
    }

    [Fact]
    public async Task RunAsync_TwoWayFieldEqualToCrmValue_IsNoChange()
    {
        await using var h = await PushHarness.CreateAsync();
        var settings = new PushSettings { UserFields = [new PushField { Name = "title", TargetField = "Title" }] };
        await h.IdentifyAsync(("u1", new { title = "CEO" }), ("u2", new { title = "CTO" }));
        await h.LinkAsync("u1", "Contact", "003000000000001", pulledValues: """{"Title":"CEO"}""");
        await h.LinkAsync("u2", "Contact", "003000000000002", pulledValues: """{"Title":"VP"}""");

        var run = await h.PushAsync(settings);

        var write = Assert.Single(h.Writer.Writes);
        Assert.Equal(("003000000000002", "CTO"), (write.Id, write.Fields["Title"]));
        Assert.Equal(1, run.For("push", "Contact").Unchanged);
        Assert.Empty(h.Schema.EnsureCalls);
    }

    [Fact]
    public async Task RunAsync_ProfileLinkedToContactAndLead_PushesToContactOnly()
    {
        await using var h = await PushHarness.CreateAsync();
        await h.IdentifyAsync(("u1", new { plan = "pro" }));
        await h.LinkAsync("u1", "Lead", "00Q000000000001", ageDays: 100);
        await h.LinkAsync("u1", "Contact", "003000000000001");
        var pull = new PullSettings { RecordTypes = [.. new PullSettings().RecordTypes.Select(r => r with { Enabled = true })] };

        await h.PushAsync(PlanAndTitle, pull: pull);

        var write = Assert.Single(h.Writer.Writes);
        Assert.Equal(("Contact", "003000000000001"), (write.ObjectType, write.Id));
    }

    [Fact]
    public async Task RunAsync_KpiFields_PushedAsNumbersAndDateTimes()
    {
        await using var h = await PushHarness.CreateAsync();
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        await h.Database.TrackAsync(
            h.Database.Identify("u1", new { email = "ann@example.com" }, at),
            h.Database.Track("u1", "nps_score", new { score = 9 }, at.AddMinutes(1)),
            h.Database.Track("u1", "download", new { }, at.AddHours(2)));
        await h.LinkAsync("u1", "Contact", "003000000000001");
        var settings = new PushSettings
        {
            UserFields =
            [
                new PushField { Name = "sessions", Source = PushValueSource.Kpi },
                new PushField { Name = "npsScore", Source = PushValueSource.Kpi },
                new PushField { Name = "lastSeen", Source = PushValueSource.Kpi },
                new PushField { Name = "events.download", Source = PushValueSource.Kpi },
            ],
        };

        await h.PushAsync(settings);

        var record = h.Writer.Records["Contact"]["003000000000001"];
        Assert.Equal(2m, record["Rapport_Sessions__c"]);
        Assert.Equal(9m, record["Rapport_NpsScore__c"]);
        Assert.Equal("2026-11-20T11:30:00.000Z", record["Rapport_LastSeen__c"]);
        Assert.Equal(1m, record["Rapport_Events_Download__c"]);
        var specs = Assert.Single(h.Schema.EnsureCalls).Specs.ToDictionary(s => s.ApiName, s => s.Type);
        Assert.Equal(CrmFieldType.Number, specs["Rapport_Sessions__c"]);
        Assert.Equal(CrmFieldType.DateTime, specs["Rapport_LastSeen__c"]);
    }
}
