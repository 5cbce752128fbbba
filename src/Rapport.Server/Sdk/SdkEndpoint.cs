using Microsoft.Net.Http.Headers;

namespace Rapport.Server.Sdk;

/// <summary>
/// Serves the browser snippet at <c>/sdk/rapport.js</c> and lets pages on other origins call the
/// tracking API: the snippet posts from the customer's site to Rapport's host.
/// </summary>
public static class SdkEndpoint
{
    /// <summary>The CORS policy of the tracking API and the snippet.</summary>
    public const string CorsPolicy = "rapport-tracking";

    /// <summary>The snippet's path.</summary>
    public const string ScriptPath = "/sdk/rapport.js";

    /// <summary>Registers the embedded script and the tracking CORS policy.</summary>
    public static IServiceCollection AddRapportSdk(this IServiceCollection services)
    {
        services.AddSingleton(_ => SdkScript.Load());
        // Any origin, no credentials: a write key is public by design (it sits in every page),
        // and the tracking API reads no cookies, so there is nothing for another site to borrow.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "HEAD", "POST")
            .WithHeaders("Authorization", "Content-Type", "Content-Encoding")
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        return services;
    }

    /// <summary>Applies CORS to <c>/v1</c> and <c>/sdk</c> and maps <c>GET /sdk/rapport.js</c>.</summary>
    public static WebApplication MapRapportSdk(this WebApplication app)
    {
        // Only these paths: the admin API and console must not answer other origins.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/sdk"),
            branch => branch.UseCors(CorsPolicy));
        app.MapMethods(ScriptPath, [HttpMethods.Get, HttpMethods.Head], ServeScript)
            .WithTags("SDK")
            .ExcludeFromDescription();
        return app;
    }

    private static IResult ServeScript(HttpContext context, SdkScript script)
    {
        var request = context.Request;
        var response = context.Response;
        var gzip = AcceptsGzip(request);
        var etag = gzip ? script.GzipETag : script.ETag;
        response.Headers.ETag = etag;
        // An hour fresh, then a cheap revalidation: a Rapport upgrade reaches every site within the hour.
        response.Headers.CacheControl = "public, max-age=3600";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        if (Matches(request, script))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }
        return TypedResults.Bytes(gzip ? script.Gzipped : script.Plain, "text/javascript; charset=utf-8");
    }

    private static bool AcceptsGzip(HttpRequest request)
        => request.GetTypedHeaders().AcceptEncoding.Any(e =>
            e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);

    // Either representation's tag revalidates: both name the same script version.
    private static bool Matches(HttpRequest request, SdkScript script)
        => request.GetTypedHeaders().IfNoneMatch.Any(tag =>
            tag.Equals(EntityTagHeaderValue.Any)
            || tag.Tag.Equals(script.ETag, StringComparison.Ordinal)
            || tag.Tag.Equals(script.GzipETag, StringComparison.Ordinal));
}
