using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Rapport.Server.Console;

/// <summary>
/// A console form posted without a valid antiforgery token (a page left open across a restart
/// with new keys, a second tab after sign-out, or a forged post) gets a page saying what to do,
/// instead of Blazor's empty 400. Nothing from the post is applied.
/// </summary>
internal static class ExpiredFormPage
{
    public static IApplicationBuilder UseExpiredFormPage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/html; charset=utf-8";
            var back = WebUtility.HtmlEncode(context.Request.PathBase.Add(context.Request.Path).Value ?? "/");
            await context.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Form expired · Rapport</title></head>
                <body><main><h1>This form has expired</h1>
                <p>Nothing was saved. The page was opened before a sign-in or a server restart, so its security token is no longer valid.</p>
                <p><a href="{back}">Open the page again</a> and submit the form once more.</p></main></body></html>
                """, context.RequestAborted);
            return;
        }
        await next(context);
    });
}
