using System.Buffers;
using System.Text.Json;

namespace Rapport.Core.Tracking;

/// <summary>
/// What a <c>/v1/batch</c> body says for all its messages: <c>sentAt</c>, and <c>context</c> /
/// <c>integrations</c> that a message without its own inherits (Segment's batch format).
/// </summary>
public sealed class BatchDefaults
{
    public static readonly BatchDefaults None = new(null, default, default);

    private readonly JsonElement _context;
    private readonly JsonElement _integrations;

    public BatchDefaults(DateTimeOffset? sentAt, JsonElement context, JsonElement integrations)
    {
        SentAt = sentAt;
        _context = context;
        _integrations = integrations;
    }

    public DateTimeOffset? SentAt { get; }

    /// <summary>
    /// The message's bytes (<paramref name="raw"/>, as it was sent), with the batch context merged
    /// in only when it lacks its own; <paramref name="raw"/> itself when nothing is merged.
    /// </summary>
    /// <param name="hasContext">Whether the message has a <c>context</c> member (of any value).</param>
    /// <param name="hasIntegrations">Whether the message has an <c>integrations</c> member (of any value).</param>
    public ReadOnlyMemory<byte> Apply(JsonElement message, ReadOnlyMemory<byte> raw, bool hasContext, bool hasIntegrations)
    {
        var addContext = _context.ValueKind == JsonValueKind.Object && !hasContext;
        var addIntegrations = _integrations.ValueKind == JsonValueKind.Object && !hasIntegrations;
        if (!addContext && !addIntegrations)
        {
            return raw;
        }

        var buffer = new ArrayBufferWriter<byte>(raw.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in message.EnumerateObject())
            {
                property.WriteTo(writer);
            }
            if (addContext)
            {
                writer.WritePropertyName("context"u8);
                _context.WriteTo(writer);
            }
            if (addIntegrations)
            {
                writer.WritePropertyName("integrations"u8);
                _integrations.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
