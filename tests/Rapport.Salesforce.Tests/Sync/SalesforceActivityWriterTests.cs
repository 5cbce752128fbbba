using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>Activity upserts by Rapport_Event_Id__c: a repeated send never creates a second Task or Event.</summary>
public sealed class SalesforceActivityWriterTests : ConnectorTestBase
{
    [Fact]
    public async Task UpsertAsync_SameTaskTwice_LeavesOneCompletedTaskWithTheLatestSubject()
    {
        var contact = await CreateContactAsync("Promoter", "p@acme.test");
        var at = new DateTimeOffset(2026, 1, 5, 22, 30, 0, TimeSpan.Zero);

        var first = await Connector.Activities.UpsertAsync(ActivityObject.Task, [new CrmActivity("evt-1", contact, null, "NPS score: 9", "Survey", at)], Ct);
        var second = await Connector.Activities.UpsertAsync(ActivityObject.Task, [new CrmActivity("evt-1", contact, null, "NPS score: 10", "Survey", at)], Ct);

        var task = Assert.Single(await QueryAsync("SELECT Id, Subject, Status, Priority, ActivityDate, WhoId FROM Task WHERE Rapport_Event_Id__c = 'evt-1'"));
        Assert.True(first[0].Success);
        Assert.True(second[0].Success);
        Assert.Equal(first[0].Id, second[0].Id);
        Assert.Equal("NPS score: 10", task.GetProperty("Subject").GetString());
        Assert.Equal("Completed", task.GetProperty("Status").GetString());
        Assert.Equal("Normal", task.GetProperty("Priority").GetString());
        Assert.Equal("2026-01-05", task.GetProperty("ActivityDate").GetString());
        Assert.Equal(contact, task.GetProperty("WhoId").GetString());
    }

    [Fact]
    public async Task UpsertAsync_SameEventTwice_LeavesOneEventOnThePersonAndAccount()
    {
        var account = await CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        var contact = await CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Builder", ["AccountId"] = account });
        var activities = new[]
        {
            new CrmActivity("evt-2", contact, account, "Flow completed", "Onboarding", Start.AddHours(3)),
            new CrmActivity("evt-3", contact, account, "Goal reached", "Activation", Start.AddHours(4)),
        };

        await Connector.Activities.UpsertAsync(ActivityObject.Event, activities, Ct);
        var again = await Connector.Activities.UpsertAsync(ActivityObject.Event, activities, Ct);

        var events = await QueryAsync("SELECT Rapport_Event_Id__c, WhoId, WhatId, Subject FROM Event ORDER BY Rapport_Event_Id__c");
        Assert.All(again, r => Assert.True(r.Success));
        Assert.Equal(["evt-2", "evt-3"], events.Select(e => e.GetProperty("Rapport_Event_Id__c").GetString()));
        Assert.All(events, e => Assert.Equal(account, e.GetProperty("WhatId").GetString()));
        Assert.Equal("Goal reached", events[1].GetProperty("Subject").GetString());
    }
}
