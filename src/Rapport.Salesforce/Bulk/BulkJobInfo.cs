namespace Rapport.Salesforce.Bulk;

/// <summary>A Bulk API 2.0 job's state (Get Job Info).</summary>
public sealed record BulkJobInfo
{
    /// <summary>Job id (750…).</summary>
    public required string Id { get; init; }

    /// <summary>insert, update, upsert, delete, query, queryAll.</summary>
    public string? Operation { get; init; }

    /// <summary>The object.</summary>
    public string? Object { get; init; }

    /// <summary>Open, UploadComplete, InProgress, JobComplete, Failed, Aborted.</summary>
    public string? State { get; init; }

    /// <summary>Records processed so far.</summary>
    public long NumberRecordsProcessed { get; init; }

    /// <summary>Records that failed.</summary>
    public long NumberRecordsFailed { get; init; }

    /// <summary>Why a Failed job failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>True for a state the job will not leave.</summary>
    public bool IsFinished => State is "JobComplete" or "Failed" or "Aborted";
}
