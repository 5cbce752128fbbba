namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// <c>GET /services/data</c> (Versions: <c>[{"label","url","version"}]</c>) and
/// <c>GET /services/data/vXX.X</c> (Resources by Version).
/// </summary>
internal static class VersionsApi
{
    public static RestResult Versions() => RestResult.Ok(writer =>
    {
        writer.WriteStartArray();
        foreach (var version in ApiVersions.All)
        {
            writer.WriteStartObject();
            writer.WriteString("label", ApiVersions.Label(version));
            writer.WriteString("url", $"/services/data/v{version}");
            writer.WriteString("version", version);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    public static RestResult Resources(RestRequest request) => RestResult.Ok(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, path) in new[]
        {
            ("tooling", "tooling"), ("composite", "composite"), ("query", "query"), ("queryAll", "queryAll"),
            ("sobjects", "sobjects"), ("limits", "limits"), ("jobs", "jobs"),
        })
        {
            writer.WriteString(name, $"{request.BasePath}/{path}");
        }
        writer.WriteEndObject();
    });
}
