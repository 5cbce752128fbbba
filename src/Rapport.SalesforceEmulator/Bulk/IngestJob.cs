namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>One Bulk API 2.0 ingest job: its JobInfo properties, uploaded data and per-record results.</summary>
internal sealed class IngestJob
{
    public required string Id { get; init; }

    public required string Object { get; init; }

    public required string Operation { get; init; }

    public string? ExternalIdFieldName { get; init; }

    public required string CreatedById { get; init; }

    public required DateTime CreatedDate { get; init; }

    public required string ApiVersion { get; init; }

    public string LineEnding { get; init; } = "LF";

    public DateTime SystemModstamp { get; set; }

    /// <summary>Open, UploadComplete, InProgress, JobComplete, Failed or Aborted.</summary>
    public string State { get; set; } = "Open";

    public string? ErrorMessage { get; set; }

    /// <summary>Uploaded CSV batches, in order.</summary>
    public List<string> Uploads { get; } = [];

    public string[] Header { get; set; } = [];

    public List<(string Id, bool Created, string[] Row)> Successful { get; } = [];

    public List<(string? Id, string Error, string[] Row)> Failed { get; } = [];

    public List<string[]> Unprocessed { get; } = [];

    public long ProcessingMilliseconds { get; set; }
}
