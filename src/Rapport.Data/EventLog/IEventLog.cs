using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>The durable, ordered event log. A completed append is on disk.</summary>
public interface IEventLog
{
    ValueTask<AppendResult> AppendAsync(IReadOnlyList<LoggedEvent> events, CancellationToken cancellationToken);
}
