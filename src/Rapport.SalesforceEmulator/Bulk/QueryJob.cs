using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>One Bulk API 2.0 query job and, once complete, its result.</summary>
internal sealed class QueryJob
{
    public required string Id { get; init; }

    public required string Operation { get; init; }

    public required string Object { get; init; }

    public required string Query { get; init; }

    public required string CreatedById { get; init; }

    public required DateTime CreatedDate { get; init; }

    public required string ApiVersion { get; init; }

    public DateTime SystemModstamp { get; set; }

    /// <summary>UploadComplete, InProgress, JobComplete, Failed or Aborted.</summary>
    public string State { get; set; } = "UploadComplete";

    public string? ErrorMessage { get; set; }

    public SoqlResult? Result { get; set; }

    public long ProcessingMilliseconds { get; set; }
}
