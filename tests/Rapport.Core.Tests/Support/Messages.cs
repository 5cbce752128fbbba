using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Tracking;

namespace Rapport.Core.Tests.Support;

/// <summary>Builds logged events from Segment JSON the way the tracking API does.</summary>
internal static class Messages
{
    public const string Dataset = "ds_test";

    /// <summary>2024-05-01T12:00:00Z.</summary>
    public static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static int s_counter;

    public static TrackingMessageReader Reader() => new(() => "generated-" + Interlocked.Increment(ref s_counter));

    /// <summary>Reads one message; returns the event (or null) and the errors.</summary>
    public static (LoggedEvent? Event, List<TrackingError> Errors) Read(string json, EventType? endpointType = null,
        long? receivedAtMs = null, BatchDefaults? defaults = null, int? index = null)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<TrackingError>();
        var e = Reader().Read(document.RootElement, Dataset, endpointType, receivedAtMs ?? Noon.ToUnixTimeMilliseconds(),
            defaults ?? BatchDefaults.None, index, errors);
        return (e, errors);
    }

    /// <summary>Reads a message that must be valid.</summary>
    public static LoggedEvent Valid(string json, EventType? endpointType = null, long? receivedAtMs = null)
    {
        var (e, errors) = Read(json, endpointType, receivedAtMs);
        Assert.True(errors.Count == 0, "Unexpected errors: " + string.Join("; ", errors.Select(x => x.Message)));
        return Assert.IsType<LoggedEvent>(e);
    }

    /// <summary>An event at <paramref name="at"/> (sent without sentAt, so the timestamp is trusted).</summary>
    public static LoggedEvent At(DateTimeOffset at, object message)
    {
        var element = JsonSerializer.SerializeToElement(message);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                property.WriteTo(writer);
            }
            writer.WriteString("timestamp", at.ToString("O"));
            writer.WriteEndObject();
        }
        return Valid(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), receivedAtMs: at.ToUnixTimeMilliseconds() + 1000);
    }

    public static LoggedEvent Identify(DateTimeOffset at, string? userId, string? anonymousId = null, object? traits = null)
        => At(at, new { type = "identify", userId, anonymousId, traits = traits ?? new { } });

    public static LoggedEvent Track(DateTimeOffset at, string? userId, string name, object? properties = null, string? anonymousId = null)
        => At(at, new { type = "track", userId, anonymousId, @event = name, properties = properties ?? new { } });

    public static LoggedEvent Page(DateTimeOffset at, string? userId, string? anonymousId = null)
        => At(at, new { type = "page", userId, anonymousId, name = "Home" });

    public static LoggedEvent Group(DateTimeOffset at, string userId, string groupId, object? traits = null)
        => At(at, new { type = "group", userId, groupId, traits = traits ?? new { } });

    public static LoggedEvent Alias(DateTimeOffset at, string previousId, string userId)
        => At(at, new { type = "alias", previousId, userId });
}
