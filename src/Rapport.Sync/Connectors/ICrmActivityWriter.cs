using Rapport.Sync.Settings;

namespace Rapport.Sync.Connectors;

/// <summary>Writes activities idempotently: the same external id never creates a second activity.</summary>
public interface ICrmActivityWriter
{
    Task<IReadOnlyList<CrmWriteResult>> UpsertAsync(ActivityObject type, IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken);
}
