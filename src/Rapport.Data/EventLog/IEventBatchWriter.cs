using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>Writes many events in one durable transaction; one instance per writer loop.</summary>
internal interface IEventBatchWriter : IAsyncDisposable
{
    /// <summary>Inserts the events in order and commits.</summary>
    Task WriteAsync(IReadOnlyList<LoggedEvent> events, CancellationToken cancellationToken);
}
