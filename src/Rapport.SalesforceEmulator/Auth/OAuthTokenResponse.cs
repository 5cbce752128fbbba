using System.Text.Json.Serialization;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The token endpoint's success body, field for field as in Salesforce's OAuth 2.0 Web Server and
/// Username-Password flow documentation (jsforce's <c>TokenResponse</c> and NetCoreForce's
/// <c>AuthenticationResponse</c> read the same names).
/// </summary>
internal sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("instance_url")] string InstanceUrl,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("issued_at")] string IssuedAt);
