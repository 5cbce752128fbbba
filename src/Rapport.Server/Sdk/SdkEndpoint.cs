using Rapport.Server.Assets;

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
        services.AddSingleton(_ => new SdkScript(EmbeddedAsset.Load(SdkScript.ResourceName, "text/javascript; charset=utf-8")));
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

    // An hour fresh, then a cheap revalidation: a Rapport upgrade reaches every site within the hour.
    private static IResult ServeScript(HttpContext context, SdkScript script)
        => script.Asset.Serve(context, "public, max-age=3600");
}
