using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Settings;

namespace Rapport.Server.Sync;

/// <summary>
/// Reads and replaces a connection's sync settings document, for the admin API and the console
/// alike. Validation is <see cref="SyncSettingsValidator"/>'s job and happens before
/// <see cref="SaveAsync"/>; saving tells the schedules so a changed interval applies at once.
/// </summary>
public sealed class SyncSettingsStore(IDbContextFactory<RapportDbContext> contexts, SyncSchedules schedules, TimeProvider time)
{
    /// <summary>The dataset's settings; null when the dataset has no Salesforce connection (the settings live on it).</summary>
    public async Task<StoredSyncSettings?> GetAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        return connection is null ? null : new StoredSyncSettings(connection.Id, IsEstablished(connection), SyncSettings.Parse(connection.SyncSettings));
    }

    /// <summary>Replaces the stored document with <paramref name="settings"/> (already validated); false when there is no connection to store it on.</summary>
    public async Task<bool> SaveAsync(string datasetId, SyncSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        if (connection is null)
        {
            return false;
        }
        connection.SyncSettings = settings.ToJson();
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await schedules.ConnectionChangedAsync(connection.Id, cancellationToken);
        return true;
    }

    // Mirrors the connector factory's test: the password flow logs in on demand, the web server flow needs tokens.
    private static bool IsEstablished(SalesforceConnectionEntity connection)
        => (connection.AuthFlow == SalesforceAuthFlow.Password && connection.PasswordProtected is not null)
            || connection.AccessTokenProtected is not null || connection.RefreshTokenProtected is not null;
}
