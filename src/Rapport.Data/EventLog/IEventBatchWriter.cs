using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>Writes many events in one durable transaction; one instance per writer loop.</summary>
internal interface IEventBatchWriter : IAsyncDisposable
{
    /// <summary>Inserts the events in order and commits; <paramref name="stored"/>[i] tells whether event i was new.</summary>
    Task WriteAsync(IReadOnlyList<LoggedEvent> events, bool[] stored, CancellationToken cancellationToken);
}
