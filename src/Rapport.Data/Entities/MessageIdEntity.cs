namespace Rapport.Data.Entities;

/// <summary>
/// A messageId the processor has applied, per dataset: Segment's deduplication. The event log
/// itself is append-only with no unique index (a random-key index on every append cost more
/// than the rest of the append), so a repeated messageId reaches the log and the processor
/// skips it here, in the transaction that advances its checkpoint.
/// </summary>
public sealed class MessageIdEntity
{
    public required string DatasetId { get; set; }
    public required string MessageId { get; set; }
}
