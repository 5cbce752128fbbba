using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// One caller's events on their way to the log, with the work done on the caller's thread before
/// they were queued. The SQLite log stages them encoded (<see cref="Staged"/>) and keeps nothing
/// else: the events themselves become garbage before the commit instead of surviving collections
/// while it waits. PostgreSQL writes the <see cref="Events"/> themselves.
/// </summary>
internal sealed class PreparedAppend
{
    private PreparedAppend(IReadOnlyList<LoggedEvent>? events, StagedRun[]? staged, int count)
    {
        Events = events;
        Staged = staged;
        Count = count;
    }

    /// <summary>The events, when the log writes them as they are (null once staged).</summary>
    public IReadOnlyList<LoggedEvent>? Events { get; }

    /// <summary>The events encoded for <c>staged_events</c> (null when the log writes them as they are).</summary>
    public StagedRun[]? Staged { get; }

    public int Count { get; }

    /// <summary>
    /// Keeps the events to write as they are, each with a payload of its own: a payload may point
    /// into the caller's request buffer (see <see cref="LoggedEvent.Payload"/>), and the commit may
    /// outlive the request when it is cancelled.
    /// </summary>
    public static PreparedAppend AsTheyAre(IReadOnlyList<LoggedEvent> events)
        => new(events.Select(e => PayloadBytes.IsOwnArray(e.Payload) ? e : e with { Payload = e.Payload.ToArray() }).ToList(), null, events.Count);

    /// <summary>Encodes the events now, on the caller's thread; nothing of theirs is kept.</summary>
    public static PreparedAppend ForStaging(IReadOnlyList<LoggedEvent> events) => new(null, StagedRun.Encode(events), events.Count);
}
