using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>One REST call (or one <c>/composite/batch</c> subrequest) as handlers see it.</summary>
internal sealed class RestRequest
{
    public required string Method { get; init; }

    /// <summary>The API version of the URL, e.g. <c>66.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The path segments after <c>/services/data/vXX.X/</c>, URL-decoded.</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    public required IQueryCollection Query { get; init; }

    public required IHeaderDictionary Headers { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    public required IEmulatorSession Session { get; init; }

    public required EmulatorServices Services { get; init; }

    /// <summary>The version as a number for feature checks (e.g. upsert returns a body from 46.0).</summary>
    public decimal VersionNumber => decimal.Parse(Version, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>/services/data/vXX.X</c>, the prefix of URLs in responses.</summary>
    public string BasePath => $"/services/data/v{Version}";

    public string? QueryValue(string name) => Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public string? HeaderValue(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>
    /// Parses the body as JSON. A malformed body is answered with 400 JSON_PARSER_ERROR, as
    /// Salesforce does before it looks at the content.
    /// </summary>
    public bool TryParseJson(out JsonDocument? document, out RestResult? error)
    {
        error = null;
        document = null;
        try
        {
            document = JsonDocument.Parse(Body);
            return true;
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var message = Body.Length == 0
                ? "No content to map due to end-of-input"
                : $"Unexpected character in the request body at [line:{line}, column:{column}]";
            error = RestResult.Error(400, new SalesforceError("JSON_PARSER_ERROR", message));
            return false;
        }
    }
}
