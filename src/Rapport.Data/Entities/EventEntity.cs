namespace Rapport.Data.Entities;

/// <summary>A row of the event log. Rows are only ever appended.</summary>
public sealed class EventEntity
{
    public long Sequence { get; set; }
    public required string DatasetId { get; set; }
    public required string MessageId { get; set; }
    public int Type { get; set; }
    public string? UserId { get; set; }
    public string? AnonymousId { get; set; }
    public string? Name { get; set; }
    public string? GroupId { get; set; }
    public string? PreviousId { get; set; }
    public long TimestampMs { get; set; }
    public long ReceivedAtMs { get; set; }
    public required byte[] Payload { get; set; }
}
