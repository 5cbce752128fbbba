namespace Rapport.Core.Events;

/// <summary>
/// One message as it sits in the event log. <see cref="Payload"/> is the message's JSON exactly as
/// the client sent it (UTF-8); the other members are the fields the processor and the read API
/// need without parsing it again. Times are Unix epoch milliseconds, UTC.
/// </summary>
public sealed record LoggedEvent
{
    /// <summary>Position in the log; assigned on commit, 0 before.</summary>
    public long Sequence { get; init; }
    public required string DatasetId { get; init; }
    public required string MessageId { get; init; }
    public required EventType Type { get; init; }
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }
    /// <summary><c>event</c> for track, <c>name</c> for page and screen.</summary>
    public string? Name { get; init; }
    /// <summary><c>groupId</c> for group calls.</summary>
    public string? GroupId { get; init; }
    /// <summary><c>previousId</c> for alias calls.</summary>
    public string? PreviousId { get; init; }
    /// <summary>The event time after Segment's clock-skew correction.</summary>
    public required long TimestampMs { get; init; }
    /// <summary>When Rapport received the message.</summary>
    public required long ReceivedAtMs { get; init; }
    /// <summary>
    /// The message's JSON. While the tracking API appends an event this may be a slice of the
    /// request's pooled body buffer, valid only until <c>IEventLog.AppendAsync</c> returns: the log
    /// encodes or copies it before that, and nothing else holds those events.
    /// </summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }
}
