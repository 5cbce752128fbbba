namespace Rapport.Sync.Connectors;

/// <summary>Writes field changes to records, in batches; one result per record, in order.</summary>
public interface ICrmWriter
{
    /// <summary>Updates records: sObject Collections (200 per call, <c>allOrNone=false</c>), or Bulk API 2.0 when <paramref name="bulk"/>.</summary>
    Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(string objectType, IReadOnlyList<CrmRecordUpdate> updates, bool bulk, CancellationToken cancellationToken);

    /// <summary>Creates records (leads, seed 002); one result per record with the new id.</summary>
    Task<IReadOnlyList<CrmWriteResult>> CreateAsync(string objectType, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken);
}
