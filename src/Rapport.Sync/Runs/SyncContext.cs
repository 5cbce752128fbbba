using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Runs;

/// <summary>What every stage of one run shares: the connection, its settings, the connector and the run's record.</summary>
public sealed class SyncContext
{
    public required string ConnectionId { get; init; }
    public required string DatasetId { get; init; }
    public required SyncSettings Settings { get; init; }
    public required ICrmConnector Connector { get; init; }
    public required SyncRunRecorder Run { get; init; }
    /// <summary>Whether this is the connection's first (full) run: no pull checkpoints yet.</summary>
    public bool Initial { get; init; }
    /// <summary>The connector's own CRM user id (the integration user): owner of created leads when no user mapping applies (seed 002).</summary>
    public string? IntegrationUserId { get; init; }
}
