using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Rapport.Browser.Tests.Support;

/// <summary>
/// Sits in front of Rapport's pipeline (a startup filter) and keeps every tracking request, so a
/// test can tell how the browser delivered an event (a beacon or a fetch), not only that it arrived.
/// </summary>
public sealed class TrackingRequestLog : IStartupFilter
{
    private readonly ConcurrentQueue<TrackingRequest> _requests = new();

    /// <summary>The requests whose body mentions <paramref name="text"/> (a write key, an event name).</summary>
    public IReadOnlyList<TrackingRequest> Containing(string text)
        => _requests.Where(r => r.Body.Contains(text, StringComparison.Ordinal)).ToList();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        await next(context);
        _requests.Enqueue(new TrackingRequest(context.Request.Path, context.Request.Headers["Sec-Fetch-Mode"].ToString(), body,
            context.Response.StatusCode));
    }
}
