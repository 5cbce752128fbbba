using System.Collections.Concurrent;
using Rapport.Sync.Connectors;

namespace Rapport.Sync.Runs;

/// <summary>
/// Collects what a run did: counts per direction and record type (<c>pull:Contact</c>,
/// <c>push:Account</c>…) and record errors, identical ones folded into one with a count.
/// The run store persists it; stages only add to it.
/// </summary>
public sealed class SyncRunRecorder(long runId)
{
    private readonly ConcurrentDictionary<string, RecordTypeStats> _stats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SyncRecordError> _errors = new(StringComparer.Ordinal);

    public long RunId => runId;

    public IReadOnlyDictionary<string, RecordTypeStats> Stats => _stats;

    public IReadOnlyCollection<SyncRecordError> Errors => _errors.Values.ToList();

    /// <summary>The counters of one direction (<c>pull</c>, <c>push</c>) and object type.</summary>
    public RecordTypeStats For(string direction, string objectType) => _stats.GetOrAdd(direction + ":" + objectType, _ => new RecordTypeStats());

    /// <summary>Records a rejected record; the same error for the same record counts up instead of repeating.</summary>
    public void Error(string stage, string? objectType, string? recordId, string? profileKey, CrmError error)
    {
        var recordError = new SyncRecordError(stage, objectType, recordId, profileKey, error.ErrorCode, error.Message, error.Fields);
        _errors.AddOrUpdate(recordError.Key,
            _ => recordError,
            (_, existing) =>
            {
                existing.Count++;
                return existing;
            });
    }
}
