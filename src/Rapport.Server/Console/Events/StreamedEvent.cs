using System.Text;
using Rapport.Core.Events;
using Rapport.Data.Entities;

namespace Rapport.Server.Console.Events;

/// <summary>
/// One event as the event stream shows it: a row of the page's table, and the JSON <c>data</c>
/// of a server-sent event (the same fields, so both render alike).
/// </summary>
/// <param name="Sequence">Its position in the log; also the server-sent event's id.</param>
/// <param name="MessageId">Segment's <c>messageId</c>.</param>
/// <param name="Type">The call type's wire name (<c>track</c>, <c>page</c>…).</param>
/// <param name="Name">The event or page name, when the call has one.</param>
/// <param name="UserId">The user id, when sent.</param>
/// <param name="AnonymousId">The anonymous id, when sent.</param>
/// <param name="ReceivedAt">When Rapport received it.</param>
/// <param name="Timestamp">The event's own time (after clock-skew correction).</param>
/// <param name="Message">The message as the client sent it, cut at <see cref="MaxMessageChars"/> characters.</param>
public sealed record StreamedEvent(long Sequence, string MessageId, string Type, string? Name, string? UserId, string? AnonymousId,
    DateTimeOffset ReceivedAt, DateTimeOffset Timestamp, string Message)
{
    /// <summary>How much of a message is shown: enough to read it, bounded so a page of 32 KB messages stays light.</summary>
    public const int MaxMessageChars = 4000;

    public static StreamedEvent From(EventEntity e)
    {
        var message = Encoding.UTF8.GetString(e.Payload);
        if (message.Length > MaxMessageChars)
        {
            message = message[..MaxMessageChars] + "…";
        }
        return new StreamedEvent(e.Sequence, e.MessageId, ((EventType)e.Type).ToWireName(), e.Name, e.UserId, e.AnonymousId,
            DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs), message);
    }
}
