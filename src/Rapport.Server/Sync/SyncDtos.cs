using Rapport.Sync.Runs;

namespace Rapport.Server.Sync;

/// <summary>One run as the admin API shows it: counts per <c>direction:objectType</c>, API calls by kind, errors.</summary>
public sealed record SyncRunResponse(
    long Id, string Trigger, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, SyncRunCounts> Stats, IReadOnlyDictionary<string, long> ApiCalls, int TotalApiCalls, int ErrorCount, string? Message);

/// <summary>A record error of a run, as Salesforce reported it; <see cref="Count"/> identical occurrences.</summary>
public sealed record SyncErrorResponse(
    string Stage, string? ObjectType, string? RecordId, string? ProfileKey, string ErrorCode, string Message, IReadOnlyList<string> Fields, int Count);

/// <summary><c>POST …/sync</c>: the run started; follow <see cref="Location"/> until its status is no longer Running.</summary>
public sealed record SyncStartedResponse(long RunId, string Status, string Location);

/// <summary>
/// <c>GET …/sync-status</c>: the connection's state, whether its initial run completed, the last
/// finished run ("Last synchronized &lt;time&gt;: Success"), the run in progress and the next scheduled runs.
/// </summary>
public sealed record SyncStatusResponse(
    string ConnectionId, string State, bool Established, DateTimeOffset? InitialSyncCompletedAt, string Summary,
    SyncRunResponse? LastRun, SyncRunResponse? Running, IReadOnlyDictionary<string, DateTimeOffset?> NextRuns);

/// <summary>One pushed value and the Salesforce field it is written to.</summary>
public sealed record PushPreviewField(string Name, string Source, string Field, bool Created);

/// <summary><c>GET …/push-preview</c>: the custom fields push will create (or the existing fields it writes), per object.</summary>
public sealed record PushPreviewResponse(string? Infix, IReadOnlyList<PushPreviewField> UserFields, IReadOnlyList<PushPreviewField> AccountFields);
