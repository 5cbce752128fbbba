using System.Text.Json;

namespace Rapport.Server.Sdk;

/// <summary>
/// The snippet a site pastes into its pages (<c>sdk/js/snippet.html</c>, embedded in this
/// assembly), filled in with a Rapport address and a dataset's write key.
/// </summary>
public static class SdkSnippet
{
    private const string ResourceName = "Rapport.Server.Sdk.snippet.html";
    private const string Placeholders = "\"https://rapport.example.com\",\"YOUR_WRITE_KEY\"";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(SdkSnippet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; Rapport.Server.csproj embeds sdk/js/snippet.html.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// The snippet for <paramref name="host"/> (e.g. <c>https://rapport.example.com</c>, no
    /// trailing slash needed) and <paramref name="writeKey"/>. Both are written as JSON strings,
    /// which escape quotes and <c>&lt;</c>, so neither can break out of the script element.
    /// </summary>
    public static string Render(string host, string writeKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(writeKey);
        var values = JsonSerializer.Serialize(host.TrimEnd('/')) + "," + JsonSerializer.Serialize(writeKey);
        return Template.Value.Replace(Placeholders, values, StringComparison.Ordinal);
    }
}
