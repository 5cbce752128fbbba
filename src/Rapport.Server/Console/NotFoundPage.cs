using Microsoft.AspNetCore.Http.HttpResults;

namespace Rapport.Server.Console;

/// <summary>
/// A browser asking for an address that matches nothing (a mistyped or stale console link) gets
/// the console's "Not found" page with a 404, instead of the problem JSON API clients get.
/// </summary>
internal static class NotFoundPage
{
    public static IApplicationBuilder UseNotFoundPage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Routing has run: no endpoint means no route matched (a wrong method gets a 405 endpoint, so is left alone).
        if (context.GetEndpoint() is null && IsBrowserPageRequest(context.Request))
        {
            // The console's document renders its router, which shows the Not found page for an address it has no page for.
            await new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static bool IsBrowserPageRequest(HttpRequest request)
        => (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/v1") && !request.Path.StartsWithSegments("/sdk");
}
