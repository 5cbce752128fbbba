namespace Rapport.Data.Entities;

/// <summary>Whether a Salesforce connection syncs.</summary>
public enum SalesforceConnectionState
{
    /// <summary>Configured but not syncing: every new connection starts here (seed 002), so nothing moves until an admin says so.</summary>
    Paused,

    /// <summary>Syncing on its schedules.</summary>
    Active,

    /// <summary>Switched off and its refresh token revoked; establishing the connection again brings it back, paused.</summary>
    Deactivated,
}
