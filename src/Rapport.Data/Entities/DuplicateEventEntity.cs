namespace Rapport.Data.Entities;

/// <summary>
/// A log row whose messageId had already been applied. Every read of the log leaves these rows
/// out (a query filter on <see cref="EventEntity"/>), so a repeated messageId is seen once.
/// </summary>
public sealed class DuplicateEventEntity
{
    public long Sequence { get; set; }
    public required string DatasetId { get; set; }
}
