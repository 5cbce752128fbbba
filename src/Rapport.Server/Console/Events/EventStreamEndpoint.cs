using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Data.Storage;

namespace Rapport.Server.Console.Events;

/// <summary>
/// <c>GET /datasets/{datasetId}/events/stream</c>: the event stream page's live feed as
/// server-sent events (<see cref="EventStream"/>). Signed-in console users only, with the page's
/// cookie, so the browser's <c>EventSource</c> needs nothing more.
/// </summary>
public static class EventStreamEndpoint
{
    /// <summary>The stream's path relative to the console's base, with the filters' query string.</summary>
    public static string Url(string datasetId, EventStreamFilter filter, long after)
    {
        var query = filter.ToQueryString();
        return ConsoleUrls.Dataset(datasetId, "events/stream") + "?" + (query.Length == 0 ? "" : query + "&")
            + "after=" + after.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Registers the stream's services.</summary>
    public static IServiceCollection AddEventStream(this IServiceCollection services)
        => services.AddSingleton<EventStream>();

    /// <summary>Maps the stream, behind the console's cookie sign-in.</summary>
    public static IEndpointRouteBuilder MapEventStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/datasets/{datasetId}/events/stream", StreamAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> StreamAsync(
        string datasetId,
        string? type,
        string? name,
        string? userId,
        string? after,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        DatasetStore datasets,
        ProfileQueries profiles,
        EventStream stream,
        CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(datasetId, cancellationToken) is null)
        {
            return Problems.Create(404, "Dataset not found", $"There is no dataset \"{datasetId}\".");
        }
        var filter = EventStreamFilter.From(type, name, userId);
        if (filter.Errors() is { Count: > 0 } errors)
        {
            var (field, message) = errors.First();
            return TypedResults.Problem(statusCode: 400, title: "Invalid filter", detail: message,
                extensions: new Dictionary<string, object?> { ["field"] = field });
        }
        // A reconnecting browser sends the last id it saw; it wins over the page's starting point.
        var resume = string.IsNullOrWhiteSpace(lastEventId) ? after : lastEventId;
        long? position = null;
        if (!string.IsNullOrWhiteSpace(resume))
        {
            if (!long.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.Problem(statusCode: 400, title: "Invalid position",
                    detail: "\"Last-Event-ID\" and \"after\" are the id of an event received from this stream (a whole number ≥ 0).");
            }
            position = parsed;
        }
        var logFilter = await filter.ResolveAsync(datasetId, profiles, cancellationToken);
        return TypedResults.ServerSentEvents(stream.ReadAsync(datasetId, logFilter, position, cancellationToken));
    }
}
