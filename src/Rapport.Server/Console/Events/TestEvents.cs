using System.Text.Json;

namespace Rapport.Server.Console.Events;

/// <summary>
/// The event "Send test event" sends (seed 003's "test connection"): an ordinary Segment
/// <c>track</c> message from one fixed anonymous visitor, so repeated tests add events to a single
/// test profile rather than a new profile each time.
/// </summary>
public static class TestEvents
{
    /// <summary>The event's name, as the stream shows it.</summary>
    public const string Name = "Rapport test event";

    /// <summary>The anonymous id every test event is sent with.</summary>
    public const string AnonymousId = "rapport-console-test";

    /// <summary>A new message id: it finds the event in the stream once sent.</summary>
    public static string NewMessageId() => "rapport-test-" + Guid.NewGuid().ToString("N");

    /// <summary>The message, as a <c>/v1/track</c> body.</summary>
    public static JsonDocument Message(string messageId, string? sentBy)
        => JsonSerializer.SerializeToDocument(new Dictionary<string, object?>
        {
            ["messageId"] = messageId,
            ["anonymousId"] = AnonymousId,
            ["event"] = Name,
            ["properties"] = new Dictionary<string, object?> { ["source"] = "Rapport console", ["sentBy"] = sentBy },
            ["context"] = new Dictionary<string, object?> { ["library"] = new Dictionary<string, object?> { ["name"] = "rapport-console" } },
        });
}
