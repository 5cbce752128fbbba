using System.Text.Json;
using Rapport.Core.Events;

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
        using var lease = await services.Admission.EnterAsync(cancellationToken);
        if (!lease.IsAcquired)
        {
            services.Metrics.Rejected(1, "overloaded");
            context.Response.Headers.RetryAfter = "1";
            return Problems.Create(503, "Too many requests in progress",
                "Rapport is handling as many tracking requests as it is configured to hold; nothing from this request was stored. Retry it in a second.");
        }
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
            var outcome = await services.Pipeline.AcceptAsync(WriteKeyAuthentication.FindWriteKey(context.Request, root), root, body.Memory, type, cancellationToken);
            if (outcome.Accepted)
            {
                return TypedResults.Ok(TrackingSuccess.Instance);
            }
            if (outcome.Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Rapport tracking\"";
            }
            return Problems.Create(outcome.Status, outcome.Title!, outcome.Detail!, outcome.Errors);
        }
    }
}
