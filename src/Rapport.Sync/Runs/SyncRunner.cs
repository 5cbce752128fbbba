using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rapport.Data;
using Rapport.Sync.Connectors;
using Rapport.Sync.Pull;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Runs;

/// <summary>
/// Runs one synchronization of a connection: takes the lease, opens the connector, runs the stages
/// in order (pull before push), and records how it went. Never throws for a CRM or stage failure:
/// the run's status and message say what happened, so a scheduler or host never crashes on it.
/// </summary>
public sealed class SyncRunner(
    IDbContextFactory<RapportDbContext> contexts, ICrmConnectorFactory connectors, IEnumerable<ISyncStage> stages,
    SyncRunLease lease, SyncRunStore store, ILogger<SyncRunner> logger)
{
    private readonly IReadOnlyList<ISyncStage> _stages = SyncStageOrder.Sort(stages);

    /// <summary>The stages in the order they run.</summary>
    public IReadOnlyList<ISyncStage> Stages => _stages;

    /// <summary>Starts and finishes a run; a refusal (already running, not established…) comes back as an outcome without a status.</summary>
    public async Task<SyncRunOutcome> RunAsync(string connectionId, string trigger, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var start = await StartAsync(connectionId, trigger, cancellationToken);
        return start.Started ? await ExecuteAsync(start, progress, cancellationToken) : SyncRunOutcome.Refused(start);
    }

    /// <summary>Takes the lease and creates the run row, so callers (the API) can answer with its id before the run finishes.</summary>
    public Task<SyncRunStart> StartAsync(string connectionId, string trigger, CancellationToken cancellationToken)
        => lease.AcquireAsync(connectionId, trigger, cancellationToken);

    /// <summary>Runs the stages of a started run and records the outcome.</summary>
    public async Task<SyncRunOutcome> ExecuteAsync(SyncRunStart start, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var runId = start.RunId ?? throw new ArgumentException("The run was refused, not started.", nameof(start));
        var recorder = new SyncRunRecorder(runId);
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = lease.HeartbeatAsync(runId, heartbeatStop.Token);
        ICrmConnector? connector = null;
        SyncFailure? failure = null;
        try
        {
            var context = await CreateContextAsync(start.ConnectionId, recorder, c => connector = c, cancellationToken);
            foreach (var stage in _stages)
            {
                progress?.Report(new SyncProgress(runId, stage.Name, recorder));
                await stage.RunAsync(context, cancellationToken);
            }
        }
        catch (CrmException ex)
        {
            failure = SyncFailure.From(ex);
            logger.LogWarning("Sync run {RunId} of connection {ConnectionId}: {Kind} {Message}", runId, start.ConnectionId, ex.Kind, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = SyncFailure.Cancelled;
        }
        catch (Exception ex)
        {
            failure = SyncFailure.Unexpected(ex);
            logger.LogError(ex, "Sync run {RunId} of connection {ConnectionId} failed", runId, start.ConnectionId);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }
        var apiCalls = connector?.ApiCalls() ?? new Dictionary<string, long>();
        connector?.Dispose();
        // The outcome is written even when the run was cancelled: a Running row left behind would block the next run until it went stale.
        var outcome = await store.FinishAsync(runId, recorder, apiCalls, failure, CancellationToken.None);
        progress?.Report(new SyncProgress(runId, "done", recorder));
        return outcome;
    }

    private async Task<SyncContext> CreateContextAsync(string connectionId, SyncRunRecorder recorder, Action<ICrmConnector> opened, CancellationToken cancellationToken)
    {
        SyncSettings settings;
        string datasetId;
        string? integrationUserId;
        bool initial;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var connection = await db.SalesforceConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId, cancellationToken);
            settings = SyncSettings.Parse(connection.SyncSettings);
            datasetId = connection.DatasetId;
            integrationUserId = connection.UserId;
            initial = !await db.SyncCursors.AnyAsync(c => c.ConnectionId == connectionId && c.Name.StartsWith(PullCursor.Prefix), cancellationToken);
        }
        var connector = await connectors.OpenAsync(connectionId, cancellationToken);
        opened(connector);
        return new SyncContext
        {
            ConnectionId = connectionId, DatasetId = datasetId, Settings = settings, Connector = connector, Run = recorder, Initial = initial,
            IntegrationUserId = integrationUserId,
        };
    }
}
