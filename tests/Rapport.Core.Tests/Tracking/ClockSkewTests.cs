using Rapport.Core.Tests.Support;
using Rapport.Core.Tracking;

namespace Rapport.Core.Tests.Tracking;

public class ClockSkewTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Correct_DeviceClockFiveMinutesAhead_ShiftsTimestampBack()
    {
        // The device thinks it is 12:05 when the server receives at 12:00; the event was 10 s before sending.
        var sentAt = ReceivedAt.AddMinutes(5);
        var timestamp = sentAt.AddSeconds(-10);

        var corrected = ClockSkew.Correct(timestamp, sentAt, ReceivedAt.ToUnixTimeMilliseconds());

        Assert.Equal(ReceivedAt.AddSeconds(-10).ToUnixTimeMilliseconds(), corrected);
    }

    [Fact]
    public void Correct_DeviceClockBehind_ShiftsTimestampForward()
    {
        var sentAt = ReceivedAt.AddHours(-3);
        var timestamp = sentAt.AddMinutes(-2);

        var corrected = ClockSkew.Correct(timestamp, sentAt, ReceivedAt.ToUnixTimeMilliseconds());

        Assert.Equal(ReceivedAt.AddMinutes(-2).ToUnixTimeMilliseconds(), corrected);
    }

    [Fact]
    public void Correct_WithoutSentAt_TrustsTimestamp()
    {
        var timestamp = ReceivedAt.AddDays(-2);

        Assert.Equal(timestamp.ToUnixTimeMilliseconds(), ClockSkew.Correct(timestamp, null, ReceivedAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Correct_WithoutTimestamp_UsesReceiveTime()
    {
        Assert.Equal(ReceivedAt.ToUnixTimeMilliseconds(), ClockSkew.Correct(null, ReceivedAt.AddHours(1), ReceivedAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Read_MessageWithTimestampAndSentAt_StoresCorrectedTime()
    {
        var e = Messages.Valid("""{"type":"track","userId":"u1","event":"x","timestamp":"2024-05-01T13:00:00Z","sentAt":"2024-05-01T13:00:30+00:00"}""",
            receivedAtMs: ReceivedAt.ToUnixTimeMilliseconds());

        Assert.Equal(ReceivedAt.AddSeconds(-30).ToUnixTimeMilliseconds(), e.TimestampMs);
        Assert.Equal(ReceivedAt.ToUnixTimeMilliseconds(), e.ReceivedAtMs);
    }

    [Fact]
    public void Read_MessageInBatch_UsesBatchSentAtWhenItHasNone()
    {
        var defaults = new BatchDefaults(ReceivedAt.AddHours(2), default, default);

        var (e, errors) = Messages.Read("""{"type":"track","userId":"u1","event":"x","timestamp":"2024-05-01T13:59:00Z"}""",
            receivedAtMs: ReceivedAt.ToUnixTimeMilliseconds(), defaults: defaults);

        Assert.Empty(errors);
        Assert.Equal(ReceivedAt.AddMinutes(-1).ToUnixTimeMilliseconds(), e!.TimestampMs);
    }

    [Fact]
    public void Read_MessageInBatch_OwnSentAtWinsOverBatchSentAt()
    {
        var defaults = new BatchDefaults(ReceivedAt.AddHours(2), default, default);

        var (e, _) = Messages.Read("""{"type":"track","userId":"u1","event":"x","timestamp":"2024-05-01T11:59:00Z","sentAt":"2024-05-01T12:00:00Z"}""",
            receivedAtMs: ReceivedAt.ToUnixTimeMilliseconds(), defaults: defaults);

        Assert.Equal(ReceivedAt.AddMinutes(-1).ToUnixTimeMilliseconds(), e!.TimestampMs);
    }

    [Fact]
    public void Read_TimestampWithOffset_IsNormalisedToUtc()
    {
        var e = Messages.Valid("""{"type":"track","userId":"u1","event":"x","timestamp":"2024-05-01T14:00:00+02:00"}""");

        Assert.Equal(ReceivedAt.ToUnixTimeMilliseconds(), e.TimestampMs);
    }
}
