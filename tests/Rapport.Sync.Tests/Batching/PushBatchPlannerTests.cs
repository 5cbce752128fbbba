using Rapport.Sync.Batching;

namespace Rapport.Sync.Tests.Batching;

public class PushBatchPlannerTests
{
    [Fact]
    public void Batches_1001Records_MakesSixCallsOfAtMost200InOrder()
    {
        var batches = PushBatchPlanner.Batches(Enumerable.Range(0, 1001)).ToList();

        Assert.Equal(6, batches.Count);
        Assert.All(batches, b => Assert.True(b.Count <= 200));
        Assert.Equal(Enumerable.Range(0, 1001), batches.SelectMany(b => b));
    }

    [Theory]
    [InlineData(9_999, PushMethod.Collections)]
    [InlineData(10_000, PushMethod.Bulk)]
    public void Choose_UsesBulkFromTheThreshold(int records, PushMethod expected)
        => Assert.Equal(expected, PushBatchPlanner.Choose(records, 10_000));
}
