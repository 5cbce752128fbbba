namespace Rapport.Data.Entities;

/// <summary>How far the event processor has consumed a dataset's log.</summary>
public sealed class CheckpointEntity
{
    public required string DatasetId { get; set; }
    public long Position { get; set; }
    /// <summary>Receive time of the last processed event, for the processing-lag figure.</summary>
    public long LastReceivedAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
}
