using Rapport.Sync.Activities;
using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Activities;

public sealed class ActivityBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_RepeatedTransientFailures_DoubleUpToFiveMinutes()
    {
        var backoff = new ActivityBackoff();

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Failed("c1", Now, CrmFailureKind.Transient)).ToList();

        Assert.Equal([1, 2, 4, 8], delays.Take(4).Select(d => d.TotalSeconds).ToArray());
        Assert.Equal(TimeSpan.FromMinutes(5), delays[^1]);
    }

    [Fact]
    public void Failed_RequestLimitExceeded_WaitsFiveMinutesAtOnce()
        => Assert.Equal(TimeSpan.FromMinutes(5), new ActivityBackoff().Failed("c1", Now, CrmFailureKind.RequestLimitExceeded));

    [Fact]
    public void IsWaiting_AfterFailure_TrueUntilDelayPassesAndFalseAfterSuccess()
    {
        var backoff = new ActivityBackoff();
        backoff.Failed("c1", Now, CrmFailureKind.Transient);
        backoff.Failed("c1", Now, CrmFailureKind.Transient);

        Assert.True(backoff.IsWaiting("c1", Now.AddSeconds(1)));
        Assert.False(backoff.IsWaiting("c1", Now.AddSeconds(2)));
        Assert.False(backoff.IsWaiting("c2", Now));
        backoff.Succeeded("c1");
        Assert.False(backoff.IsWaiting("c1", Now));
    }
}
