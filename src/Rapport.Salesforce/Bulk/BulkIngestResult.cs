namespace Rapport.Salesforce.Bulk;

/// <summary>A finished ingest job and its per-record outcomes.</summary>
public sealed record BulkIngestResult(
    BulkJobInfo Job,
    IReadOnlyList<BulkSuccessRow> Successful,
    IReadOnlyList<BulkFailedRow> Failed,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Unprocessed);
