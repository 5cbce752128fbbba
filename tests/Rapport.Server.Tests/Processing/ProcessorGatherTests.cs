using Rapport.Server.Processing;

namespace Rapport.Server.Tests.Processing;

public sealed class ProcessorGatherTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void Before_PassCaughtUpQuickly_WaitsForTheRestOfTheWindow()
    {
        // A 20 ms pass that applied everything there was: the next starts 50 ms after this one did.
        Assert.Equal(TimeSpan.FromMilliseconds(30), ProcessorGather.Before(TimeSpan.FromMilliseconds(20), backlog: false, Window));
    }

    [Fact]
    public void Before_PassLeftEventsWaiting_GoesOnAtOnce()
    {
        Assert.Equal(TimeSpan.Zero, ProcessorGather.Before(TimeSpan.FromMilliseconds(20), backlog: true, Window));
    }

    [Fact]
    public void Before_PassLongerThanTheWindow_GoesOnAtOnce()
    {
        Assert.Equal(TimeSpan.Zero, ProcessorGather.Before(TimeSpan.FromMilliseconds(80), backlog: false, Window));
    }

    [Fact]
    public void Before_WindowOff_NeverWaits()
    {
        Assert.Equal(TimeSpan.Zero, ProcessorGather.Before(TimeSpan.FromMilliseconds(1), backlog: false, TimeSpan.Zero));
    }
}
