namespace Rapport.Data.EventLog;

/// <summary>
/// Moves accepted events from where appends commit them into the ordered log every reader sees.
/// On SQLite appends are staged (see <see cref="SqliteEventSplitter"/>); on PostgreSQL they go
/// straight into the log and there is nothing to move.
/// </summary>
public interface IEventStaging
{
    /// <summary>Moves up to about <paramref name="maxEvents"/> staged events into the log, oldest first; returns how many.</summary>
    Task<int> SplitAsync(int maxEvents, CancellationToken cancellationToken);
}
