using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// One caller's events on their way to the log, with the work done on the caller's thread before
/// they were queued: the SQLite log stages them encoded (<see cref="Staged"/>, null on PostgreSQL),
/// so the single writer loop only copies bytes.
/// </summary>
internal sealed record PreparedAppend(IReadOnlyList<LoggedEvent> Events, StagedRun[]? Staged);
