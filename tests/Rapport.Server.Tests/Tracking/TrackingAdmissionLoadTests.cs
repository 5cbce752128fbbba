using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rapport.Server.Configuration;
using Rapport.Server.Tracking;

namespace Rapport.Server.Tests.Tracking;

/// <summary>The tracking API's load as the processor sees it when deciding whether to yield.</summary>
public sealed class TrackingAdmissionLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AverageInProgress_SustainedLoad_ReachesItAndForgetsItOverASecondOrSo()
    {
        var time = new FakeTimeProvider();
        using var admission = new TrackingAdmission(Options.Create(new RapportOptions()), time);

        var first = await admission.EnterAsync(Ct);
        var second = await admission.EnterAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, admission.AverageInProgress, precision: 3);

        first.Dispose();
        second.Dispose();
        time.Advance(TrackingAdmission.AverageOver);
        // One time constant later, e^-1 of the load is remembered.
        Assert.Equal(2 * Math.Exp(-1), admission.AverageInProgress, precision: 3);
    }

    [Fact]
    public async Task AverageInProgress_BriefPileUp_StaysFarBelowIt()
    {
        var time = new FakeTimeProvider();
        using var admission = new TrackingAdmission(Options.Create(new RapportOptions()), time);

        // Eight requests held up together for 50 ms, as after a garbage collection at a modest rate.
        var leases = new List<System.Threading.RateLimiting.RateLimitLease>();
        for (var i = 0; i < 8; i++)
        {
            leases.Add(await admission.EnterAsync(Ct));
        }
        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(8, admission.InProgress);
        leases.ForEach(l => l.Dispose());

        Assert.True(admission.AverageInProgress < 0.5, $"average {admission.AverageInProgress}");
    }

    [Fact]
    public async Task Lease_DisposedTwice_CountsTheRequestOutOnce()
    {
        var time = new FakeTimeProvider();
        using var admission = new TrackingAdmission(Options.Create(new RapportOptions()), time);
        var lease = await admission.EnterAsync(Ct);
        Assert.True(lease.IsAcquired);

        lease.Dispose();
        lease.Dispose();
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(0, admission.InProgress);
        Assert.Equal(0, admission.AverageInProgress, precision: 6);
    }
}
