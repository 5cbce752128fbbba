using Microsoft.Extensions.Time.Testing;
using Rapport.Server.Processing;

namespace Rapport.Server.Tests.Processing;

public sealed class ProcessorYieldTests
{
    [Fact]
    public void PauseAfter_TrackingApiSaturated_LeavesTheProcessorItsShare()
    {
        var yield = new ProcessorYield(sharePercent: 25, saturatedAt: 8);

        // 100 ms of work at a 25 % share: 300 ms of pause, so the processor runs a quarter of the time.
        Assert.Equal(TimeSpan.FromMilliseconds(300), yield.PauseAfter(TimeSpan.FromMilliseconds(100), trackingRequestsInProgress: 32));
    }

    [Fact]
    public void PauseAfter_BelowSaturation_DoesNotPause()
    {
        var yield = new ProcessorYield(sharePercent: 25, saturatedAt: 8);

        Assert.Equal(TimeSpan.Zero, yield.PauseAfter(TimeSpan.FromMilliseconds(100), trackingRequestsInProgress: 7));
    }

    [Fact]
    public void PauseAfter_FullShare_NeverPauses()
    {
        var yield = new ProcessorYield(sharePercent: 100, saturatedAt: 1);

        Assert.Equal(TimeSpan.Zero, yield.PauseAfter(TimeSpan.FromSeconds(5), trackingRequestsInProgress: 500));
    }

    [Fact]
    public void PauseAfter_LongPass_KeepsTheShare()
    {
        var yield = new ProcessorYield(sharePercent: 25, saturatedAt: 8);

        // A chunk on a contended CPU can take seconds; a capped pause would give the processor far more than 25 %.
        Assert.Equal(TimeSpan.FromSeconds(6), yield.PauseAfter(TimeSpan.FromSeconds(2), trackingRequestsInProgress: 64));
    }

    [Fact]
    public async Task PauseAsync_StillSaturated_PausesTheWholeShareInSteps()
    {
        var time = new FakeTimeProvider();
        var yield = new ProcessorYield(sharePercent: 25, saturatedAt: 8);
        var looks = 0;

        var pause = yield.PauseAsync(TimeSpan.FromSeconds(1), () => { looks++; return 32; }, time, TestContext.Current.CancellationToken);
        for (var second = 0; second < 2; second++)
        {
            time.Advance(ProcessorYield.LookEvery);
            Assert.False(pause.IsCompleted);
        }
        time.Advance(ProcessorYield.LookEvery);

        Assert.Equal(TimeSpan.FromSeconds(3), await pause);
        // Once before the pause and once after each step of it.
        Assert.Equal(4, looks);
    }

    [Fact]
    public async Task PauseAsync_LoadDrops_StopsAtTheNextLook()
    {
        var time = new FakeTimeProvider();
        var yield = new ProcessorYield(sharePercent: 10, saturatedAt: 8);
        var inProgress = 32;

        var pause = yield.PauseAsync(TimeSpan.FromSeconds(2), () => inProgress, time, TestContext.Current.CancellationToken);
        inProgress = 3;
        time.Advance(ProcessorYield.LookEvery);

        // 18 s were due at a 10 % share; the burst ended, so the processor resumes after one step.
        Assert.Equal(ProcessorYield.LookEvery, await pause);
    }
}
