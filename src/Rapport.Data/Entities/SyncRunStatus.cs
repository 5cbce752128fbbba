namespace Rapport.Data.Entities;

/// <summary>How a sync run ended.</summary>
public enum SyncRunStatus
{
    Running = 0,
    Succeeded = 1,
    /// <summary>Finished, but some records were rejected; they are listed as the run's errors.</summary>
    CompletedWithErrors = 2,
    Failed = 3,
    /// <summary>Stopped cleanly (API limit reached, shutdown); the next run resumes from the checkpoints.</summary>
    Stopped = 4,
    /// <summary>The process died mid-run; found and closed by the next run.</summary>
    Interrupted = 5,
}
