namespace Rapport.Data.Entities;

/// <summary>
/// The Salesforce connection of one dataset: where to log in, the connected app, the tokens and
/// the identity they belong to. Columns ending in <c>Protected</c> hold Data Protection
/// ciphertext, never the secret itself. The row outlives reconfiguration and reconnection so the
/// record links that hang off it are kept.
/// </summary>
public sealed class SalesforceConnectionEntity
{
    public required string Id { get; set; }
    public required string DatasetId { get; set; }
    public SalesforceConnectionState State { get; set; } = SalesforceConnectionState.Paused;

    public string? LoginHost { get; set; }
    public bool Sandbox { get; set; }
    public required string ConsumerKey { get; set; }
    public string? ConsumerSecretProtected { get; set; }
    public string ApiVersion { get; set; } = "v62.0";
    public SalesforceAuthFlow AuthFlow { get; set; } = SalesforceAuthFlow.WebServer;
    public string? PasswordUsername { get; set; }
    public string? PasswordProtected { get; set; }
    public string? SecurityTokenProtected { get; set; }

    public string? AccessTokenProtected { get; set; }
    public string? RefreshTokenProtected { get; set; }
    public string? InstanceUrl { get; set; }
    public string? IdentityUrl { get; set; }
    public DateTime? TokenIssuedAt { get; set; }
    public string? OrganizationId { get; set; }
    public string? UserId { get; set; }
    public string? Username { get; set; }
    public DateTime? ConnectedAt { get; set; }

    /// <summary>SHA-256 (hex) of the <c>state</c> of the authorization in progress; the callback finds its connection by it.</summary>
    public string? PendingStateHash { get; set; }
    public string? PendingCodeVerifierProtected { get; set; }
    public string? PendingRedirectUri { get; set; }
    public DateTime? PendingExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public DateTime? LastCheckAt { get; set; }
    public bool? LastCheckSucceeded { get; set; }

    /// <summary>The failure class of the last check or connection attempt ("refresh_token_expired", …), null when it worked.</summary>
    public string? LastCheckFailure { get; set; }
    public string? LastCheckMessage { get; set; }

    /// <summary>The sync configuration (record types, mappings, push fields, activity rules, schedule) as JSON; see <c>Rapport.Sync.Settings.SyncSettings</c>.</summary>
    public string SyncSettings { get; set; } = "{}";

    /// <summary>When the first full run finished; until then only "synchronize now" or unpausing starts runs (seed 002).</summary>
    public DateTime? InitialSyncCompletedAt { get; set; }
}
