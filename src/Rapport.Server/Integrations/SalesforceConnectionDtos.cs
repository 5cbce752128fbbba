namespace Rapport.Server.Integrations;

/// <summary>
/// <c>PUT /api/datasets/{id}/connections/salesforce</c>. Omitted values keep what is stored; the
/// consumer key and secret are required the first time.
/// </summary>
public sealed record SalesforceSettingsRequest(string? ConsumerKey, string? ConsumerSecret, bool? Sandbox, string? LoginHost, string? ApiVersion);

/// <summary><c>POST …/password-login</c>: an integration user's credentials (seed 004).</summary>
public sealed record SalesforcePasswordLoginRequest(string? Username, string? Password, string? SecurityToken);

/// <summary>The connection as the admin sees it: never a secret or token, only whether one is set.</summary>
public sealed record SalesforceConnectionResponse(
    bool Configured, string? State, string CallbackUrl, string? LoginUrl, string? LoginHost, bool Sandbox, string? ConsumerKey,
    bool HasConsumerSecret, string? ApiVersion, string? AuthFlow, string? PasswordUsername, bool Connected, string? OrganizationId,
    string? UserId, string? Username, string? InstanceUrl, DateTimeOffset? ConnectedAt, SalesforceLastCheck? LastCheck);

/// <summary>The outcome of the last connection check or attempt.</summary>
public sealed record SalesforceLastCheck(DateTimeOffset At, bool Succeeded, string? Failure, string? Message);

/// <summary><c>POST …/authorize</c>: where to send the admin's browser.</summary>
public sealed record SalesforceAuthorizeResponse(string AuthorizeUrl, string CallbackUrl, DateTimeOffset ExpiresAt);

/// <summary><c>POST …/check</c>: who Rapport is connected as and how many API calls are left today.</summary>
public sealed record SalesforceCheckResponse(
    string? OrganizationId, string? UserId, string? Username, string ApiVersion, string InstanceUrl,
    long? DailyApiRequestsMax, long? DailyApiRequestsRemaining, long? LimitInfoUsed, long? LimitInfoMax);
