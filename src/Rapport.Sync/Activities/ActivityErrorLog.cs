using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Runs;

namespace Rapport.Sync.Activities;

/// <summary>
/// Where rejected activities and NPS updates are recorded. Inside a sync run (a
/// <see cref="SyncRunRecorder"/> is given) they go on that run. On their own — the dispatcher runs
/// every second, so one run per dispatch would flood the runs list — only a dispatch that has
/// errors opens a <c>sync_runs</c> row with trigger <c>activity</c> (status CompletedWithErrors)
/// and writes its errors as <c>sync_errors</c> rows with stage <c>activity</c>, in the same
/// transaction that moves the cursor past them.
/// </summary>
internal sealed class ActivityErrorLog(string connectionId, string datasetId, SyncRunRecorder? recorder, TimeProvider time)
{
    public const string Trigger = "activity";

    private readonly List<SyncRecordError> _pending = [];
    private readonly Dictionary<string, SyncErrorEntity> _written = new(StringComparer.Ordinal);
    private SyncRunEntity? _run;

    public long? RunId => _run?.Id;

    public bool HasPending => _pending.Count > 0;

    public void Add(ActivityDispatchResult result, string? objectType, string? recordId, string? profileKey, CrmError error)
    {
        result.Failed++;
        var recordError = new SyncRecordError(ActivityDispatcher.Stage, objectType, recordId, profileKey, error.ErrorCode, error.Message, error.Fields);
        result.Errors.Add(recordError);
        if (recorder is not null)
        {
            recorder.Error(ActivityDispatcher.Stage, objectType, recordId, profileKey, error);
        }
        else
        {
            _pending.Add(recordError);
        }
    }

    /// <summary>Adds the pending errors to <paramref name="db"/>; call inside the transaction that saves the cursor.</summary>
    public async Task FlushAsync(RapportDbContext db, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (_run is null)
        {
            _run = new SyncRunEntity
            {
                ConnectionId = connectionId, DatasetId = datasetId, Trigger = Trigger, Status = SyncRunStatus.CompletedWithErrors,
                StartedAt = now, EndedAt = now,
            };
            db.SyncRuns.Add(_run);
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var error in _pending)
        {
            var hash = error.Hash;
            if (_written.TryGetValue(hash, out var existing))
            {
                existing.Count++;
                existing.LastSeenAt = now;
                continue;
            }
            var entity = error.ToEntity(_run.Id, connectionId, now);
            _written[hash] = entity;
            db.SyncErrors.Add(entity);
        }
        _run.EndedAt = now;
        _run.ErrorCount = _written.Count;
        _run.Message = $"{_written.Values.Sum(e => e.Count)} activities or NPS updates were rejected by Salesforce; see the errors.";
        _pending.Clear();
    }
}
