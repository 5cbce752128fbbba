using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>One row of <c>staged_events</c>: a run of one dataset's events in <see cref="LoggedEventCodec"/> form.</summary>
internal sealed record StagedRun(string DatasetId, int Count, long ReceivedAtMs, byte[] Body)
{
    /// <summary>Largest run; <see cref="SqliteEventSplitter"/> moves whole rows, so this bounds its transactions too.</summary>
    public const int MaxEvents = 2_000;

    /// <summary>Encodes the events of one append as runs of one dataset each, in order.</summary>
    public static StagedRun[] Encode(IReadOnlyList<LoggedEvent> events)
    {
        var runs = new List<StagedRun>(1);
        var start = 0;
        while (start < events.Count)
        {
            var datasetId = events[start].DatasetId;
            var end = start + 1;
            while (end < events.Count && end - start < MaxEvents && events[end].DatasetId == datasetId)
            {
                end++;
            }
            runs.Add(new StagedRun(datasetId, end - start, events[start].ReceivedAtMs, LoggedEventCodec.Encode(events, start, end - start)));
            start = end;
        }
        return [.. runs];
    }
}
