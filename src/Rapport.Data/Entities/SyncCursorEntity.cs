namespace Rapport.Data.Entities;

/// <summary>
/// A named position a sync stage resumes from: <c>pull:Contact</c> holds the last
/// <c>SystemModstamp</c> pulled, <c>push:user</c> the last profile change sequence pushed,
/// <c>activities</c> the last event-log sequence written as activities.
/// </summary>
public sealed class SyncCursorEntity
{
    public required string ConnectionId { get; set; }
    public required string Name { get; set; }
    public required string Position { get; set; }
    public DateTime UpdatedAt { get; set; }
}
