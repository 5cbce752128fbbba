using System.Text;

namespace Rapport.Salesforce.Auth;

/// <summary>
/// What the token endpoint returned (OAuth 2.0 token response: <c>access_token</c>,
/// <c>refresh_token</c>, <c>instance_url</c>, <c>id</c>, <c>issued_at</c>). The caller persists
/// it through <see cref="ISalesforceTokenStore"/>, encrypted.
/// </summary>
public sealed record SalesforceTokenSet
{
    /// <summary>The session id sent as <c>Authorization: Bearer</c>.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The refresh token; null for the username-password flow, which issues none.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The org's instance, the base of every REST call.</summary>
    public required Uri InstanceUrl { get; init; }

    /// <summary>When Salesforce issued the access token (<c>issued_at</c>, milliseconds since the epoch).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>The identity URL (<c>id</c>): <c>https://login…/id/{orgId}/{userId}</c>.</summary>
    public Uri? IdentityUrl { get; init; }

    /// <summary>Granted scopes, space-separated.</summary>
    public string? Scope { get; init; }

    /// <summary>The org id, the second-to-last segment of the identity URL.</summary>
    public string? OrganizationId => IdentitySegment(2);

    /// <summary>The user id, the last segment of the identity URL.</summary>
    public string? UserId => IdentitySegment(1);

    /// <summary>Keeps the tokens out of <c>ToString()</c> and so out of logs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"InstanceUrl = {InstanceUrl}, IdentityUrl = {IdentityUrl}, IssuedAt = {IssuedAt:O}, HasRefreshToken = {RefreshToken is not null}");
        return true;
    }

    private string? IdentitySegment(int fromEnd)
    {
        if (IdentityUrl is null)
        {
            return null;
        }
        var segments = IdentityUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= fromEnd ? segments[^fromEnd] : null;
    }
}
