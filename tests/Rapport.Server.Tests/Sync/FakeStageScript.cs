using System.Collections.Concurrent;
using Rapport.Sync.Runs;

namespace Rapport.Server.Tests.Sync;

/// <summary>Per-connection behaviour of the fake stages, set by each test for its own connection.</summary>
public sealed class FakeStageScript
{
    private readonly ConcurrentDictionary<string, Func<string, SyncContext, CancellationToken, Task>> _behaviours = new();
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>"connectionId:stage" in the order stages ran.</summary>
    public IReadOnlyCollection<string> Calls => _calls;

    public void Set(string connectionId, Func<string, SyncContext, CancellationToken, Task> behaviour) => _behaviours[connectionId] = behaviour;

    public Task RunAsync(string stage, SyncContext context, CancellationToken cancellationToken)
    {
        _calls.Enqueue(context.ConnectionId + ":" + stage);
        if (_behaviours.TryGetValue(context.ConnectionId, out var behaviour))
        {
            return behaviour(stage, context, cancellationToken);
        }
        if (stage == "pull")
        {
            context.Run.For("pull", "Contact").AddRead(2);
            context.Run.For("pull", "Contact").AddMatched(2);
        }
        return Task.CompletedTask;
    }
}
