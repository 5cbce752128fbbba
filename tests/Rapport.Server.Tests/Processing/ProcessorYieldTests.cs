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
    public void PauseAfter_LongPass_PausesAtMostASecond()
    {
        var yield = new ProcessorYield(sharePercent: 1, saturatedAt: 8);

        // The processor looks at the load again within a second, so it speeds up soon after a burst ends.
        Assert.Equal(ProcessorYield.MaxPause, yield.PauseAfter(TimeSpan.FromSeconds(2), trackingRequestsInProgress: 64));
    }
}
