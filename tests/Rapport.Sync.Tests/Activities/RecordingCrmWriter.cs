using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Activities;

/// <summary>Keeps the fields written to each record (NPS updates), last write wins.</summary>
internal sealed class RecordingCrmWriter : ICrmWriter
{
    /// <summary>(object type, record id) → field values as the CRM now holds them.</summary>
    public Dictionary<(string ObjectType, string Id), Dictionary<string, object?>> Records { get; } = [];

    public Task<IReadOnlyList<CrmWriteResult>> UpdateAsync(string objectType, IReadOnlyList<CrmRecordUpdate> updates, bool bulk, CancellationToken cancellationToken)
    {
        foreach (var update in updates)
        {
            if (!Records.TryGetValue((objectType, update.Id), out var record))
            {
                Records[(objectType, update.Id)] = record = new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            foreach (var (field, value) in update.Fields)
            {
                record[field] = value;
            }
        }
        return Task.FromResult<IReadOnlyList<CrmWriteResult>>(updates.Select(u => CrmWriteResult.Ok(u.Id)).ToList());
    }

    public Task<IReadOnlyList<CrmWriteResult>> CreateAsync(string objectType, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken)
        => throw new InvalidOperationException("Activities never create records (seed 001).");
}
