using System.Collections.Frozen;
using Rapport.Server.Assets;

namespace Rapport.Server.Console;

/// <summary>
/// The console's stylesheet and script, embedded in this assembly and served at
/// <c>/console/assets/{name}</c>, so the console needs no front-end build and no files beside the binary.
/// </summary>
public static class ConsoleAssets
{
    private const string Prefix = "console/assets/";

    private static readonly FrozenDictionary<string, EmbeddedAsset> All = new Dictionary<string, EmbeddedAsset>
    {
        ["console.css"] = EmbeddedAsset.Load("Rapport.Server.Console.Assets.console.css", "text/css; charset=utf-8"),
        ["console.js"] = EmbeddedAsset.Load("Rapport.Server.Console.Assets.console.js", "text/javascript; charset=utf-8"),
        ["events.js"] = EmbeddedAsset.Load("Rapport.Server.Console.Assets.events.js", "text/javascript; charset=utf-8"),
        ["activities.js"] = EmbeddedAsset.Load("Rapport.Server.Console.Assets.activities.js", "text/javascript; charset=utf-8"),
        ["push.js"] = EmbeddedAsset.Load("Rapport.Server.Console.Assets.push.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The asset's address relative to the console's base, with its content hash as version: the
    /// browser keeps it for a year and fetches the new one as soon as an upgrade changes it.
    /// </summary>
    public static string Url(string name) => $"{Prefix}{name}?v={All[name].Hash}";

    /// <summary>Maps <c>GET /console/assets/{name}</c>.</summary>
    public static WebApplication MapConsoleAssets(this WebApplication app)
    {
        app.MapMethods("/" + Prefix + "{name}", [HttpMethods.Get, HttpMethods.Head], (string name, HttpContext context) =>
            All.TryGetValue(name, out var asset)
                ? asset.Serve(context, context.Request.Query["v"] == asset.Hash ? "public, max-age=31536000, immutable" : "no-cache")
                : Problems.Create(404, "Not found", $"The console has no asset \"{name}\"."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
