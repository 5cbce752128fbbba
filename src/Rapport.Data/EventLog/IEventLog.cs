using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// The durable, ordered, append-only event log. A completed append is on disk. Every event is
/// appended, a repeated messageId too; the processor skips repeats (see <c>MessageIdEntity</c>).
/// </summary>
public interface IEventLog
{
    ValueTask AppendAsync(IReadOnlyList<LoggedEvent> events, CancellationToken cancellationToken);
}
