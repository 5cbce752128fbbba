using Rapport.Sync.Runs;

namespace Rapport.Server.Tests.Sync;

/// <summary>A stage that does what the test's script says for the connection (by default: counts two pulled contacts).</summary>
public sealed class FakeSyncStage(string name, FakeStageScript script) : ISyncStage
{
    public string Name => name;

    public Task RunAsync(SyncContext context, CancellationToken cancellationToken) => script.RunAsync(name, context, cancellationToken);
}
