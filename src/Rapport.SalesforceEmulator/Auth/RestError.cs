using System.Text.Json.Serialization;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// One element of a REST API error body, <c>[{"message":"…","errorCode":"…"}]</c>
/// (REST API Developer Guide, "Status Codes and Error Responses").
/// </summary>
internal sealed record RestError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("fields"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Fields = null);
