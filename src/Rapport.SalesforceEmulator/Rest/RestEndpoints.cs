using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>Maps <c>/services/data</c> and everything below it onto <see cref="RestRouter"/>.</summary>
internal static class RestEndpoints
{
    public static IEndpointRouteBuilder MapSalesforceRest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/services/data", WriteVersions);
        endpoints.MapMethods("/services/data/{version}/{**rest}", ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE"], HandleAsync);
        return endpoints;
    }

    /// <summary>Path segments without the empty one a trailing slash leaves.</summary>
    public static IReadOnlyList<string> Segments(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        while (list.Count > 0 && list[^1].Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }
        return list;
    }

    private static Task WriteVersions(HttpContext context) => WriteAsync(context, VersionsApi.Versions());

    private static async Task HandleAsync(HttpContext context, string version, string? rest, EmulatorServices services, ILoggerFactory loggers)
    {
        if (version.Length < 2 || version[0] != 'v' || !ApiVersions.IsSupported(version[1..]))
        {
            await WriteAsync(context, RestResult.NotFound());
            return;
        }
        var session = context.Features.Get<IEmulatorSession>();
        if (session is null)
        {
            await WriteAsync(context, RestResult.Error(401, "INVALID_SESSION_ID", "Session expired or invalid"));
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new RestRequest
        {
            Method = context.Request.Method,
            Version = version[1..],
            Segments = Segments((rest ?? string.Empty).Split('/')),
            Query = context.Request.Query,
            Headers = context.Request.Headers,
            Body = body.GetBuffer().AsMemory(0, (int)body.Length),
            Session = session,
            Services = services,
        };
        RestResult result;
        try
        {
            services.Store.SyncUsers();
            result = RestRouter.Route(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Every anticipated failure has a Salesforce error code; this is a defect, reported as
            // Salesforce reports its own (500 UNKNOWN_EXCEPTION) rather than as an HTML page.
            loggers.CreateLogger(typeof(RestEndpoints)).LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            result = RestResult.Error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: " + context.TraceIdentifier);
        }
        await WriteAsync(context, result);
    }

    public static async Task WriteAsync(HttpContext context, RestResult result)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }
        if (result.Json is null && result.Text is null)
        {
            return;
        }
        response.ContentType = result.ContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        if (result.Text is not null)
        {
            await response.WriteAsync(result.Text, context.RequestAborted);
            return;
        }
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            result.Json!(writer);
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
