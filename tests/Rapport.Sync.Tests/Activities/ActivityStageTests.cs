using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;
using Rapport.Sync.Activities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;
using Rapport.Sync.Settings;
using Rapport.Sync.Tests.Support;

namespace Rapport.Sync.Tests.Activities;

public sealed class ActivityStageTests
{
    [Fact]
    public async Task RunAsync_InsideRun_CountsAndRecordsErrorsOnThatRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await SyncTestDatabase.CreateAsync(ct);
        var connector = new FakeCrmConnector();
        var activities = new FakeCrmActivityWriter(connector)
        {
            Reject = a => a.Subject.Contains("Blocked", StringComparison.Ordinal) ? new CrmError("INVALID_FIELD", "No", ["Subject"]) : null,
        };
        connector.Activities = activities;
        await using (var db = await database.Contexts.CreateDbContextAsync(ct))
        {
            db.CrmLinks.Add(new CrmLinkEntity { ConnectionId = database.ConnectionId, ObjectType = "Contact", RecordId = "003000000000001", ProfileKey = "u1" });
            await db.SaveChangesAsync(ct);
        }
        var stage = new ActivityStage(new ActivityDispatcher(database.Contexts, TimeProvider.System));
        var context = new SyncContext
        {
            ConnectionId = database.ConnectionId, DatasetId = database.DatasetId, Settings = new SyncSettings(), Connector = connector, Run = new SyncRunRecorder(42),
        };
        await stage.RunAsync(context, ct);

        await database.TrackAsync(database.Track("u1", "goal_reached", new { goalName = "Blocked" }), database.Track("u1", "goal_reached", new { goalName = "Fine" }));
        await stage.RunAsync(context, ct);

        var stats = context.Run.Stats["activity:Activity"];
        Assert.Equal((2, 1, 1), (stats.Read, stats.Created, stats.Failed));
        Assert.Equal("INVALID_FIELD", Assert.Single(context.Run.Errors).ErrorCode);
        await using var check = await database.Contexts.CreateDbContextAsync(ct);
        Assert.False(await check.SyncRuns.AnyAsync(r => r.Trigger == "activity", ct));
    }
}
