namespace Rapport.Sync.Activities;

/// <summary>What one dispatch did. Record-level errors are in <see cref="Errors"/> (and recorded on the run).</summary>
public sealed class ActivityDispatchResult
{
    /// <summary>Rule or NPS events read from the log.</summary>
    public int Events { get; set; }
    /// <summary>Activities the CRM accepted (created or, on a replay, updated).</summary>
    public int Written { get; set; }
    /// <summary>Activities and field updates the CRM rejected.</summary>
    public int Failed { get; set; }
    /// <summary>Events of profiles with no live contact or lead link: seed 001 never creates records for them.</summary>
    public int Unlinked { get; set; }
    /// <summary>Records whose NPS score or feedback fields were updated.</summary>
    public int NpsUpdated { get; set; }
    /// <summary>The cursor after the dispatch: the last log sequence handled.</summary>
    public long Position { get; set; }
    /// <summary>The sync run the record errors were written to, when there were any and no run was given.</summary>
    public long? ErrorRunId { get; set; }
    public List<Runs.SyncRecordError> Errors { get; } = [];
}
