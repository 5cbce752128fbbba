namespace Rapport.Sync.Runs;

/// <summary>
/// One step of a run (pull, push). A stage persists its own checkpoints as it goes, so a crash or a
/// clean stop (<see cref="Connectors.CrmFailureKind.RequestLimitExceeded"/>) resumes where it left off.
/// Whole-call failures are thrown as <see cref="Connectors.CrmException"/>; record-level errors are
/// recorded on <see cref="SyncContext.Run"/>.
/// </summary>
public interface ISyncStage
{
    string Name { get; }
    Task RunAsync(SyncContext context, CancellationToken cancellationToken);
}
