using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Rapport.Server.Tests.Sdk;

/// <summary>
/// Sits in front of Rapport's pipeline (as a startup filter): records every tracking request by
/// write key, and on request fails the next ones with a 503 <em>after</em> Rapport stored them —
/// a lost response, the case where only messageId deduplication prevents a double count.
/// </summary>
public sealed class TrafficRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>The next <paramref name="times"/> requests with this write key are stored but answered 503.</summary>
    public void FailAfterStoring(string writeKey, int times) => _failures[writeKey] = times;

    public IReadOnlyList<RecordedRequest> For(string writeKey) => _requests.Where(r => r.WriteKey == writeKey).ToList();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(InvokeAsync);
        next(app);
    };

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
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
        var (writeKey, messageIds) = Parse(body);

        if (writeKey is not null && TakeFailure(writeKey))
        {
            var original = context.Response.Body;
            using var discarded = new MemoryStream();
            context.Response.Body = discarded;
            await next(context);
            context.Response.Body = original;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("""{"title":"Injected failure"}""");
        }
        else
        {
            await next(context);
        }
        _requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.ContentType, writeKey, messageIds, context.Response.StatusCode));
    }

    private bool TakeFailure(string writeKey)
    {
        while (_failures.TryGetValue(writeKey, out var left) && left > 0)
        {
            if (_failures.TryUpdate(writeKey, left - 1, left))
            {
                return true;
            }
        }
        return false;
    }

    private static (string? WriteKey, List<string> MessageIds) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var writeKey = root.TryGetProperty("writeKey", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var ids = root.TryGetProperty("batch", out var batch) && batch.ValueKind == JsonValueKind.Array
                ? batch.EnumerateArray().Select(m => m.TryGetProperty("messageId", out var id) ? id.ToString() : "").ToList()
                : [];
            return (writeKey, ids);
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }
}
