namespace Rapport.Salesforce.Bulk;

/// <summary>
/// A Bulk API 2.0 ingest job's data: the object, the operation and the CSV columns and rows.
/// A null cell is sent as <c>#N/A</c>, which Bulk API reads as "set to null"; an empty string
/// leaves the field unchanged.
/// </summary>
public sealed record BulkIngestRequest
{
    /// <summary>The object, e.g. Contact.</summary>
    public required string Object { get; init; }

    /// <summary>What to do with the rows.</summary>
    public required BulkOperation Operation { get; init; }

    /// <summary>The external id field, required for <see cref="BulkOperation.Upsert"/>.</summary>
    public string? ExternalIdFieldName { get; init; }

    /// <summary>Field API names, the CSV header.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Rows, each with one value per column.</summary>
    public required IEnumerable<IReadOnlyList<string?>> Rows { get; init; }
}
