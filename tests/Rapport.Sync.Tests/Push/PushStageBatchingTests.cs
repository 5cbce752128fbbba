using Rapport.Sync.Settings;

namespace Rapport.Sync.Tests.Push;

/// <summary>How many API calls a push costs: collections of 200, bulk jobs above the threshold.</summary>
public sealed class PushStageBatchingTests
{
    private static readonly PushSettings Plan = new() { UserFields = [new PushField { Name = "plan" }] };

    private static async Task<PushHarness> WithLinkedUsersAsync(int count)
    {
        var h = await PushHarness.CreateAsync();
        var users = Enumerable.Range(0, count).Select(i => ($"u{i}", (object)new { plan = $"plan-{i}" })).ToArray();
        await h.IdentifyAsync(users);
        await h.LinkManyAsync(Enumerable.Range(0, count).Select(i => ($"u{i}", $"003{i:D15}")));
        return h;
    }

    [Fact]
    public async Task RunAsync_ThousandChangedProfiles_UsesFiveCollectionCalls()
    {
        await using var h = await WithLinkedUsersAsync(1_000);

        var run = await h.PushAsync(Plan);

        Assert.Equal(5, h.Connector.ApiCalls()["collections"]);
        Assert.False(h.Connector.ApiCalls().ContainsKey("bulk"));
        Assert.Equal(1_000, run.For("push", "Contact").Updated);
        Assert.Equal("plan-999", h.Writer.Records["Contact"]["003000000000000999"]["Rapport_Plan__c"]);
    }

    [Fact]
    public async Task RunAsync_ChangesAboveBulkThreshold_GoThroughOneBulkJob()
    {
        await using var h = await WithLinkedUsersAsync(300);

        var run = await h.PushAsync(Plan with { BulkThreshold = 250 });

        Assert.All(h.Writer.Writes, w => Assert.True(w.Bulk));
        Assert.Equal(300, h.Writer.Writes.Count);
        Assert.Equal(FakeCrmWriterCalls.PerBulkJob, h.Connector.ApiCalls()["bulk"]);
        Assert.False(h.Connector.ApiCalls().ContainsKey("collections"));
        Assert.Equal(300, run.For("push", "Contact").Updated);
    }

    [Fact]
    public async Task RunAsync_BulkRunLongerThanOneReadPage_StillSendsOneJob()
    {
        // Profiles are read a thousand at a time; their writes wait for the job, not the profiles.
        await using var h = await WithLinkedUsersAsync(1_500);

        var run = await h.PushAsync(Plan with { BulkThreshold = 1_500 });

        Assert.Equal(1_500, h.Writer.Writes.Count);
        Assert.All(h.Writer.Writes, w => Assert.True(w.Bulk));
        Assert.Equal(FakeCrmWriterCalls.PerBulkJob, h.Connector.ApiCalls()["bulk"]);
        Assert.Equal(1_500, run.For("push", "Contact").Updated);

        var again = await h.PushAsync(Plan with { BulkThreshold = 1_500 });

        Assert.Equal(0, again.For("push", "Contact").Read);
    }

    [Fact]
    public async Task RunAsync_ChangesBelowBulkThreshold_UseCollections()
    {
        await using var h = await WithLinkedUsersAsync(300);

        await h.PushAsync(Plan with { BulkThreshold = 301 });

        Assert.All(h.Writer.Writes, w => Assert.False(w.Bulk));
        Assert.Equal(2, h.Connector.ApiCalls()["collections"]);
    }

    [Fact]
    public async Task RunAsync_AfterCrashMidRun_ResumesWithoutResendingCommittedBatches()
    {
        await using var h = await WithLinkedUsersAsync(500);
        var calls = 0;
        h.Writer.Reject = (_, _) => ++calls > 250 ? throw new InvalidOperationException("process killed") : null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.PushAsync(Plan));
        h.Writer.Reject = (_, _) => null;
        var before = h.Writer.Writes.Count;
        var run = await h.PushAsync(Plan);

        // The first batch of 200 was committed; the second was in flight when the run died and is sent again.
        Assert.Equal(300, h.WritesSince(before).Count);
        Assert.Equal(300, run.For("push", "Contact").Updated);
        Assert.Equal(500, h.Writer.Records["Contact"].Count);
    }
}

/// <summary>The fake writer's bulk cost, named for the assertions.</summary>
internal static class FakeCrmWriterCalls
{
    public const long PerBulkJob = Support.FakeCrmWriter.CallsPerBulkJob;
}
