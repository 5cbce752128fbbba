namespace Rapport.Server.Processing;

/// <summary>
/// How long the processor lets new events gather before its next pass. A pass has a fixed cost
/// (its reads, its transaction) besides the cost per event, so under steady traffic passes that
/// follow each other back to back apply a few hundred events each and spend most of their time
/// on that fixed cost: at 10,000 events/s they kept the processor busy more than 80 % of the time.
/// Passes are therefore started at most once per gather window unless events are waiting.
/// </summary>
public static class ProcessorGather
{
    /// <summary>
    /// The wait before the next pass, after one that started <paramref name="sinceStart"/> ago and
    /// applied events. None when it left events waiting (<paramref name="backlog"/>: it read a full
    /// chunk), so a backlog is worked off at full speed; otherwise the rest of <paramref name="window"/>.
    /// </summary>
    public static TimeSpan Before(TimeSpan sinceStart, bool backlog, TimeSpan window)
        => backlog || sinceStart >= window ? TimeSpan.Zero : window - sinceStart;
}
