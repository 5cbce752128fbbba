using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rapport.Core.Events;

namespace Rapport.Core.Tracking;

/// <summary>
/// Turns Segment Tracking API messages into <see cref="LoggedEvent"/>s, validating them against
/// Segment's spec. Pure: the caller supplies the receive time and the message id generator.
/// </summary>
public sealed class TrackingMessageReader(Func<string> newMessageId)
{
    /// <summary>Reads one message. <paramref name="endpointType"/> is set for /v1/track etc.; null in a batch.</summary>
    /// <param name="source">
    /// The bytes the message's document was parsed from, when the caller has them: the payload is then
    /// a slice of them instead of a copy (see <see cref="LoggedEvent.Payload"/> for how long it lives).
    /// </param>
    public LoggedEvent? Read(
        JsonElement message,
        string datasetId,
        EventType? endpointType,
        long receivedAtMs,
        BatchDefaults defaults,
        int? index,
        List<TrackingError> errors,
        ReadOnlyMemory<byte> source = default)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new TrackingError(index, "Each message must be a JSON object."));
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(message);
        if (raw.Length > TrackingLimits.MaxMessageBytes)
        {
            errors.Add(new TrackingError(index,
                $"The message is {raw.Length:N0} bytes; the limit is 32 KB per message.", TooLarge: true));
            return null;
        }

        if (MayHoldUnstorableText(raw) && FindUnstorableText(message) is { } unstorable)
        {
            errors.Add(new TrackingError(index, unstorable));
            return null;
        }

        var fields = MessageFields.Of(message);
        var errorCount = errors.Count;
        EventType type;
        if (endpointType is { } fixedType)
        {
            type = fixedType;
        }
        else if (fields[MessageField.Type] is not { ValueKind: JsonValueKind.String } typeElement)
        {
            errors.Add(new TrackingError(index, "\"type\" is required: one of identify, track, page, screen, group, alias."));
            return null;
        }
        else if (!EventTypes.TryParse(typeElement.GetString(), out type))
        {
            errors.Add(new TrackingError(index,
                $"Unknown type \"{Truncate(typeElement.GetString())}\": expected identify, track, page, screen, group or alias."));
            return null;
        }

        var userId = ReadId(fields[MessageField.UserId], "userId", index, errors);
        var anonymousId = ReadId(fields[MessageField.AnonymousId], "anonymousId", index, errors);
        string? name = null, groupId = null, previousId = null;

        switch (type)
        {
            case EventType.Track:
                name = ReadString(fields[MessageField.Event], "event", index, errors);
                if (name is null && errors.Count == errorCount)
                {
                    errors.Add(new TrackingError(index, "A track call needs \"event\", the name of the action (e.g. \"Order Completed\")."));
                }
                else if (name is { Length: 0 })
                {
                    errors.Add(new TrackingError(index, "\"event\" must not be empty."));
                }
                RequireObject(fields[MessageField.Properties], "properties", index, errors);
                break;
            case EventType.Page:
            case EventType.Screen:
                name = ReadString(fields[MessageField.Name], "name", index, errors);
                RequireObject(fields[MessageField.Properties], "properties", index, errors);
                break;
            case EventType.Identify:
                RequireObject(fields[MessageField.Traits], "traits", index, errors);
                break;
            case EventType.Group:
                groupId = ReadId(fields[MessageField.GroupId], "groupId", index, errors);
                if (groupId is null && errors.Count == errorCount)
                {
                    errors.Add(new TrackingError(index, "A group call needs \"groupId\", the account the user belongs to."));
                }
                RequireObject(fields[MessageField.Traits], "traits", index, errors);
                break;
            case EventType.Alias:
                previousId = ReadId(fields[MessageField.PreviousId], "previousId", index, errors);
                if (previousId is null && errors.Count == errorCount)
                {
                    errors.Add(new TrackingError(index, "An alias call needs \"previousId\", the id to merge into \"userId\"."));
                }
                if (userId is null && errors.Count == errorCount)
                {
                    errors.Add(new TrackingError(index, "An alias call needs \"userId\", the id to merge \"previousId\" into."));
                }
                break;
        }

        if (type != EventType.Alias && userId is null && anonymousId is null && errors.Count == errorCount)
        {
            errors.Add(new TrackingError(index, "Either \"userId\" or \"anonymousId\" is required."));
        }

        var context = fields[MessageField.Context];
        var integrations = fields[MessageField.Integrations];
        RequireObject(context, "context", index, errors);
        RequireObject(integrations, "integrations", index, errors);
        var messageId = ReadString(fields[MessageField.MessageId], "messageId", index, errors);
        if (messageId is { Length: > TrackingLimits.MaxIdLength })
        {
            errors.Add(new TrackingError(index, $"\"messageId\" is longer than {TrackingLimits.MaxIdLength} characters."));
        }

        var timestamp = ReadTime(fields[MessageField.Timestamp], "timestamp", index, errors);
        var sentAt = ReadTime(fields[MessageField.SentAt], "sentAt", index, errors) ?? defaults.SentAt;

        if (errors.Count != errorCount)
        {
            return null;
        }

        return new LoggedEvent
        {
            DatasetId = datasetId,
            MessageId = string.IsNullOrEmpty(messageId) ? newMessageId() : messageId,
            Type = type,
            UserId = userId,
            AnonymousId = anonymousId,
            Name = name,
            GroupId = groupId,
            PreviousId = previousId,
            TimestampMs = ClockSkew.Correct(timestamp, sentAt, receivedAtMs),
            ReceivedAtMs = receivedAtMs,
            Payload = defaults.Apply(message, SliceOf(source, raw), hasContext: context.ValueKind != JsonValueKind.Undefined,
                hasIntegrations: integrations.ValueKind != JsonValueKind.Undefined),
        };
    }

    /// <summary>
    /// <paramref name="raw"/> as a slice of <paramref name="source"/> when it lies within it, else a
    /// copy. Distinct objects never overlap, so an address inside <paramref name="source"/> is in it.
    /// </summary>
    private static ReadOnlyMemory<byte> SliceOf(ReadOnlyMemory<byte> source, ReadOnlySpan<byte> raw)
    {
        var offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref MemoryMarshal.GetReference(source.Span), ref MemoryMarshal.GetReference(raw));
        return !source.IsEmpty && offset >= 0 && offset <= source.Length - raw.Length
            ? source.Slice((int)offset, raw.Length)
            : raw.ToArray();
    }

    private static string? ReadId(JsonElement value, string name, int? index, List<TrackingError> errors)
    {
        string? id;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                id = value.GetString();
                break;
            case JsonValueKind.Number:
                // Segment's libraries stringify numeric ids; accept them the same way.
                id = JsonMarshal.GetRawUtf8Value(value).Length <= 40 ? value.GetRawText() : null;
                if (id is null)
                {
                    errors.Add(new TrackingError(index, $"\"{name}\" is a number too long to be an id."));
                    return null;
                }
                break;
            default:
                errors.Add(new TrackingError(index, $"\"{name}\" must be a string, not {Describe(value.ValueKind)}."));
                return null;
        }
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        if (id.Length > TrackingLimits.MaxIdLength)
        {
            errors.Add(new TrackingError(index, $"\"{name}\" is longer than {TrackingLimits.MaxIdLength} characters."));
            return null;
        }
        return id;
    }

    private static string? ReadString(JsonElement value, string name, int? index, List<TrackingError> errors)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new TrackingError(index, $"\"{name}\" must be a string, not {Describe(value.ValueKind)}."));
            return null;
        }
        return value.GetString();
    }

    private static void RequireObject(JsonElement value, string name, int? index, List<TrackingError> errors)
    {
        if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
        {
            errors.Add(new TrackingError(index, $"\"{name}\" must be an object, not {Describe(value.ValueKind)}."));
        }
    }

    /// <summary>Reads an ISO-8601 time; an absent or null value is no time.</summary>
    public static DateTimeOffset? ReadTime(JsonElement value, string name, int? index, List<TrackingError> errors)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.TryGetDateTimeOffset(out var time))
            {
                return time;
            }
            // Some SDKs send "2024-05-01 10:00:00Z"-style or RFC 1123 times; accept what parses unambiguously.
            if (DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            {
                return time;
            }
        }
        errors.Add(new TrackingError(index, $"\"{name}\" must be an ISO-8601 date-time string such as \"2024-05-01T10:00:00.000Z\"."));
        return null;
    }

    // "\u0000" and unpaired surrogates such as "\ud800" are valid JSON escapes, but PostgreSQL text
    // cannot hold NUL and an unpaired surrogate cannot be written back as UTF-8: accepted, they
    // failed the event log's shared commit or stalled the processor. Only escapes can produce them.
    // One scan for "\u" rather than one per escape: most messages hold none.
    private static bool MayHoldUnstorableText(ReadOnlySpan<byte> raw)
    {
        for (var at = raw.IndexOf("\\u"u8); at >= 0; at = raw.IndexOf("\\u"u8))
        {
            raw = raw[(at + 2)..];
            if (raw.StartsWith("0000"u8) || (raw.Length > 0 && raw[0] is (byte)'d' or (byte)'D'))
            {
                return true;
            }
        }
        return false;
    }

    private static string? FindUnstorableText(JsonElement element)
    {
        try
        {
            return WalkText(element);
        }
        catch (InvalidOperationException)
        {
            return "The message contains an unpaired UTF-16 surrogate escape (such as \"\\ud800\"), which is not text; send valid Unicode.";
        }
    }

    private static string? WalkText(JsonElement element)
    {
        const string nul = "The message contains a NUL character (\"\\u0000\"), which Rapport cannot store; remove it.";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return nul;
                    }
                    if (WalkText(property.Value) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (WalkText(item) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValueKind.String:
                return element.GetString()!.Contains('\0', StringComparison.Ordinal) ? nul : null;
            default:
                return null;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Truncate(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";
}
