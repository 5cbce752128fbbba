using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Tracking;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;
using Rapport.Server.Diagnostics;

namespace Rapport.Server.Tracking;

/// <summary>
/// Segment's HTTP Tracking API: <c>/v1/identify|track|page|screen|group|alias|batch</c>. A 200
/// means every message of the request is committed to the event log; any invalid message
/// refuses the whole request.
/// </summary>
public static class TrackingApi
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Tracking");
        group.MapPost("/identify", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Identify));
        group.MapPost("/track", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Track));
        group.MapPost("/page", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Page));
        group.MapPost("/screen", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Screen));
        group.MapPost("/group", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Group));
        group.MapPost("/alias", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, EventType.Alias));
        group.MapPost("/batch", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, null));
        // Older Segment libraries post batches to /v1/import.
        group.MapPost("/import", (HttpContext context, [AsParameters] TrackingServices services) => HandleAsync(context, services, null));
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, TrackingServices services, EventType? type)
    {
        var cancellationToken = context.RequestAborted;
        var endpoint = type?.ToWireName() ?? "batch";
        using var body = await TrackingBodyReader.ReadAsync(context.Request, cancellationToken);
        if (body.Error is not null)
        {
            services.Metrics.Rejected(1, "body");
            return Problems.Create(body.Status, body.Status == 413 ? "Request too large" : "Unreadable body", body.Error);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Memory, DocumentOptions);
        }
        catch (JsonException ex)
        {
            services.Metrics.Rejected(1, "json");
            return Problems.Create(400, "Malformed JSON",
                ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                    ? "The body is nested more than 64 levels deep; flatten the properties or traits."
                    : $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var writeKey = WriteKeyAuthentication.FindWriteKey(context.Request, root);
            if (string.IsNullOrEmpty(writeKey))
            {
                services.Metrics.Rejected(1, "auth");
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Rapport tracking\"";
                return Problems.Create(401, "Missing write key",
                    "Send the dataset's write key as the HTTP Basic user name (\"Authorization: Basic base64(writeKey:)\") or as \"writeKey\" in the body.");
            }
            var datasetId = await services.Datasets.ResolveWriteKeyAsync(writeKey, cancellationToken);
            if (datasetId is null)
            {
                services.Metrics.Rejected(1, "auth");
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Rapport tracking\"";
                return Problems.Create(401, "Unknown write key",
                    "The write key is not valid for any dataset; copy it from `rapport datasets list` or the console.");
            }

            var receivedAt = services.Time.GetUtcNow().ToUnixTimeMilliseconds();
            var errors = new List<TrackingError>();
            var events = new List<LoggedEvent>();
            if (type is null)
            {
                ReadBatch(root, datasetId, receivedAt, services.Reader, events, errors);
            }
            else if (services.Reader.Read(root, datasetId, type, receivedAt, BatchDefaults.None, null, errors) is { } single)
            {
                events.Add(single);
            }

            if (errors.Count > 0)
            {
                services.Metrics.Rejected(Math.Max(1, events.Count + errors.Count), "invalid");
                var tooLarge = errors.Exists(e => e.TooLarge);
                var detail = errors.Count == 1
                    ? Describe(errors[0])
                    : $"{errors.Count} messages are invalid; nothing from this request was stored. First: {Describe(errors[0])}";
                return Problems.Create(tooLarge ? 413 : 400, tooLarge ? "Message too large" : "Invalid message", detail,
                    errors.Take(100).Select(e => new TrackingErrorDto(e.Index, e.Message)).ToList());
            }

            try
            {
                await services.EventLog.AppendAsync(events, cancellationToken);
            }
            catch (EventLogUnavailableException ex)
            {
                services.Metrics.Rejected(events.Count, "storage");
                return Problems.Create(503, "Storage unavailable", ex.Message + " Retry the request.");
            }
            services.Metrics.Accepted(events.Count, endpoint);
            return TypedResults.Ok(TrackingSuccess.Instance);
        }
    }

    private static void ReadBatch(JsonElement root, string datasetId, long receivedAt, TrackingMessageReader reader,
        List<LoggedEvent> events, List<TrackingError> errors)
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
            if (reader.Read(message, datasetId, null, receivedAt, defaults, index, errors) is { } e)
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
