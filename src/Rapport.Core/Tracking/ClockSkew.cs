namespace Rapport.Core.Tracking;

/// <summary>
/// Segment's clock-skew correction (Segment docs, "Timestamps"): when a client sends both
/// <c>timestamp</c> and <c>sentAt</c>, the device clock's offset is <c>sentAt - receivedAt</c>, so
/// <c>timestamp = receivedAt - (sentAt - originalTimestamp)</c>. Without <c>sentAt</c> the client's
/// timestamp is trusted; without a timestamp the event happened when it was received.
/// </summary>
public static class ClockSkew
{
    public static long Correct(DateTimeOffset? originalTimestamp, DateTimeOffset? sentAt, long receivedAtMs)
    {
        if (originalTimestamp is not { } original)
        {
            return receivedAtMs;
        }
        var originalMs = original.ToUnixTimeMilliseconds();
        if (sentAt is not { } sent)
        {
            return originalMs;
        }
        return receivedAtMs - (sent.ToUnixTimeMilliseconds() - originalMs);
    }
}
