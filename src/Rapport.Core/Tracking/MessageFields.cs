using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Rapport.Core.Tracking;

/// <summary>The top-level members of a Segment message that Rapport reads.</summary>
internal enum MessageField
{
    Type,
    UserId,
    AnonymousId,
    Event,
    Name,
    GroupId,
    PreviousId,
    Properties,
    Traits,
    Context,
    Integrations,
    MessageId,
    Timestamp,
    SentAt,
}

/// <summary>
/// The members of one message that <see cref="TrackingMessageReader"/> reads, found in one pass
/// over its properties. Looking each up by name scanned the message once per member: a dozen
/// scans per message, a visible share of the tracking API's CPU. An absent member is a default
/// <see cref="JsonElement"/> (<see cref="JsonValueKind.Undefined"/>); when a name repeats, the
/// last one counts, as with <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.
/// </summary>
internal struct MessageFields
{
    private static readonly (byte[] Name, MessageField Field)[] Names =
    [
        ("type"u8.ToArray(), MessageField.Type),
        ("userId"u8.ToArray(), MessageField.UserId),
        ("anonymousId"u8.ToArray(), MessageField.AnonymousId),
        ("event"u8.ToArray(), MessageField.Event),
        ("name"u8.ToArray(), MessageField.Name),
        ("groupId"u8.ToArray(), MessageField.GroupId),
        ("previousId"u8.ToArray(), MessageField.PreviousId),
        ("properties"u8.ToArray(), MessageField.Properties),
        ("traits"u8.ToArray(), MessageField.Traits),
        ("context"u8.ToArray(), MessageField.Context),
        ("integrations"u8.ToArray(), MessageField.Integrations),
        ("messageId"u8.ToArray(), MessageField.MessageId),
        ("timestamp"u8.ToArray(), MessageField.Timestamp),
        ("sentAt"u8.ToArray(), MessageField.SentAt),
    ];

    private Values _values;

    public readonly JsonElement this[MessageField field] => _values[(int)field];

    public static MessageFields Of(JsonElement message)
    {
        var fields = default(MessageFields);
        foreach (var property in message.EnumerateObject())
        {
            if (Find(property) is { } field)
            {
                fields._values[(int)field] = property.Value;
            }
        }
        return fields;
    }

    private static MessageField? Find(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        // An escaped name ("user\u0049d") is compared unescaped, the slow way.
        var escaped = raw.IndexOf((byte)'\\') >= 0;
        foreach (var (name, field) in Names)
        {
            if (escaped ? property.NameEquals(name) : raw.SequenceEqual(name))
            {
                return field;
            }
        }
        return null;
    }

    // One slot per MessageField: a member added there needs a slot and a name here.
    [InlineArray(14)]
    private struct Values
    {
        private JsonElement _element;
    }
}
