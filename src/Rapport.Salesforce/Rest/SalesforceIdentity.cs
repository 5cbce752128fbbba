using System.Text.Json.Serialization;

namespace Rapport.Salesforce.Rest;

/// <summary>The identity URL's answer: who the connection runs as, in which org.</summary>
public sealed record SalesforceIdentity
{
    /// <summary>The identity URL itself.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The user's id.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>The org's id.</summary>
    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }

    /// <summary>The username.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>The user's display name.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    /// <summary>The user's email.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Whether the user is active.</summary>
    [JsonPropertyName("active")]
    public bool Active { get; init; }

    /// <summary>The user type, e.g. STANDARD.</summary>
    [JsonPropertyName("user_type")]
    public string? UserType { get; init; }

    /// <summary>Endpoint templates (<c>rest</c>, <c>sobjects</c>, <c>query</c>, …) keyed by name.</summary>
    [JsonPropertyName("urls")]
    public IReadOnlyDictionary<string, string>? Urls { get; init; }
}
