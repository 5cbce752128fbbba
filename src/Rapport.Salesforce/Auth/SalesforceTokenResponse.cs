using System.Text.Json.Serialization;

namespace Rapport.Salesforce.Auth;

/// <summary>The token endpoint's JSON body (success fields and the error pair).</summary>
internal sealed record SalesforceTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("instance_url")] string? InstanceUrl,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("issued_at")] string? IssuedAt,
    [property: JsonPropertyName("signature")] string? Signature,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
