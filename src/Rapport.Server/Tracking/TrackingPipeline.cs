using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Tracking;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;
using Rapport.Server.Diagnostics;

namespace Rapport.Server.Tracking;

/// <summary>
/// The tracking API once the body is parsed: the write key's dataset, Segment's validation of
/// every message, and the append to the event log. The console's "Send test event" calls it too,
/// so the test proves the path every SDK takes.
/// </summary>
internal sealed class TrackingPipeline(
    DatasetStore datasets,
    IEventLog eventLog,
    TrackingMessageReader reader,
    RapportMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Accepts the messages of <paramref name="root"/> (one message for <c>/v1/track</c> etc., a
    /// batch body when <paramref name="type"/> is null) for the dataset of <paramref name="writeKey"/>.
    /// Nothing is stored unless every message is valid. <paramref name="body"/> is what
    /// <paramref name="root"/> was parsed from: the events' payloads are slices of it until appended.
    /// </summary>
    public async Task<TrackingOutcome> AcceptAsync(string? writeKey, JsonElement root, ReadOnlyMemory<byte> body, EventType? type,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(writeKey))
        {
            metrics.Rejected(1, "auth");
            return TrackingOutcome.Refused(401, "Missing write key",
                "Send the dataset's write key as the HTTP Basic user name (\"Authorization: Basic base64(writeKey:)\") or as \"writeKey\" in the body.");
        }
        var datasetId = await datasets.ResolveWriteKeyAsync(writeKey, cancellationToken);
        if (datasetId is null)
        {
            metrics.Rejected(1, "auth");
            return TrackingOutcome.Refused(401, "Unknown write key",
                "The write key is not valid for any dataset; copy it from `rapport datasets list` or the console.");
        }

        var receivedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var errors = new List<TrackingError>();
        var events = new List<LoggedEvent>();
        if (type is null)
        {
            ReadBatch(root, body, datasetId, receivedAt, events, errors);
        }
        else if (reader.Read(root, datasetId, type, receivedAt, BatchDefaults.None, null, errors, body) is { } single)
        {
            events.Add(single);
        }

        if (errors.Count > 0)
        {
            metrics.Rejected(Math.Max(1, events.Count + errors.Count), "invalid");
            var tooLarge = errors.Exists(e => e.TooLarge);
            var detail = errors.Count == 1
                ? Describe(errors[0])
                : $"{errors.Count} messages are invalid; nothing from this request was stored. First: {Describe(errors[0])}";
            return TrackingOutcome.Refused(tooLarge ? 413 : 400, tooLarge ? "Message too large" : "Invalid message", detail,
                errors.Take(100).Select(e => new TrackingErrorDto(e.Index, e.Message)).ToList());
        }

        // Not used after the append (their payloads point into the body, which the caller returns to
        // its pool afterwards), so the events can be collected while the commit is awaited.
        var count = events.Count;
        try
        {
            await eventLog.AppendAsync(events, cancellationToken);
        }
        catch (EventLogUnavailableException ex)
        {
            metrics.Rejected(count, "storage");
            return TrackingOutcome.Refused(503, "Storage unavailable", ex.Message + " Retry the request.");
        }
        metrics.Accepted(count, type?.ToWireName() ?? "batch");
        return TrackingOutcome.Ok;
    }

    private void ReadBatch(JsonElement root, ReadOnlyMemory<byte> body, string datasetId, long receivedAt, List<LoggedEvent> events, List<TrackingError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("batch"u8, out var batch)
            || batch.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new TrackingError(null, "A batch body is an object with a \"batch\" array of messages."));
            return;
        }
        var sentAt = TrackingMessageReader.ReadTime(root.TryGetProperty("sentAt"u8, out var s) ? s : default, "sentAt", null, errors);
        var context = root.TryGetProperty("context"u8, out var c) ? c : default;
        var integrations = root.TryGetProperty("integrations"u8, out var i) ? i : default;
        var defaults = sentAt is null && context.ValueKind != JsonValueKind.Object && integrations.ValueKind != JsonValueKind.Object
            ? BatchDefaults.None
            : new BatchDefaults(sentAt, context, integrations);
        var index = 0;
        foreach (var message in batch.EnumerateArray())
        {
            if (reader.Read(message, datasetId, null, receivedAt, defaults, index, errors, body) is { } e)
            {
                events.Add(e);
            }
            index++;
        }
        if (index == 0)
        {
            errors.Add(new TrackingError(null, "The \"batch\" array is empty; send at least one message."));
        }
    }

    private static string Describe(TrackingError error)
        => error.Index is { } index ? $"Message {index}: {error.Message}" : error.Message;
}
