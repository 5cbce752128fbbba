using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// A Salesforce REST response before it is written: status, headers and a body writer. Handlers
/// return these instead of writing to the HTTP response so <c>/composite/batch</c> can run the same
/// handlers for its subrequests.
/// </summary>
internal sealed class RestResult
{
    private RestResult(int status)
    {
        Status = status;
    }

    public int Status { get; }

    /// <summary>Writes a JSON body; null for no body.</summary>
    public Action<Utf8JsonWriter>? Json { get; private init; }

    /// <summary>A non-JSON body (CSV from Bulk API 2.0).</summary>
    public string? Text { get; private init; }

    public string ContentType { get; private init; } = "application/json;charset=UTF-8";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static RestResult Ok(Action<Utf8JsonWriter> body) => new(200) { Json = body };

    public static RestResult WithStatus(int status, Action<Utf8JsonWriter>? body) => new(status) { Json = body };

    public static RestResult NoContent() => new(204);

    public static RestResult Csv(int status, string text) => new(status) { Text = text, ContentType = "text/csv" };

    /// <summary>The REST error body <c>[{"message","errorCode","fields"}]</c> (REST API Developer Guide, "Status Codes and Error Responses").</summary>
    public static RestResult Error(int status, SalesforceError error) => Errors(status, [error]);

    public static RestResult Error(int status, string errorCode, string message) => Error(status, new SalesforceError(errorCode, message));

    public static RestResult Errors(int status, IReadOnlyList<SalesforceError> errors) => new(status)
    {
        Json = writer =>
        {
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("message", error.Message);
                writer.WriteString("errorCode", error.ErrorCode);
                if (error.Fields.Count > 0)
                {
                    writer.WriteStartArray("fields");
                    foreach (var field in error.Fields)
                    {
                        writer.WriteStringValue(field);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        },
    };

    /// <summary>The 404 every unknown resource gets.</summary>
    public static RestResult NotFound() => Error(404, "NOT_FOUND", "The requested resource does not exist");

    /// <summary>The 405 for a method a resource does not support.</summary>
    public static RestResult MethodNotAllowed(string method, IEnumerable<string> allowed)
    {
        var result = Error(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{method}' not allowed. Allowed are {string.Join(",", allowed)}");
        result.Headers["Allow"] = string.Join(", ", allowed);
        return result;
    }

    public RestResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
