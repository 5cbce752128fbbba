using System.Text.Json.Serialization;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The token and revoke endpoints' error body: HTTP 400 with
/// <c>{"error":"invalid_grant","error_description":"authentication failure"}</c> (Salesforce
/// help, "OAuth 2.0 Authorization Errors").
/// </summary>
internal sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
