using System.Collections.Concurrent;
using Rapport.Sync.Runs;

namespace Rapport.Server.Sync;

/// <summary>
/// Runs started by "synchronize now" after the request has been answered. On shutdown they are
/// cancelled (ending Stopped, resumable) and awaited, so no Running row is left behind.
/// </summary>
public sealed class SyncBackgroundRuns(SyncRunner runner, ILogger<SyncBackgroundRuns> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();

    public void Start(SyncRunStart start)
    {
        var runId = start.RunId!.Value;
        _running[runId] = Task.Run(async () =>
        {
            try
            {
                await runner.ExecuteAsync(start, progress: null, _stopping.Token);
            }
            catch (Exception ex)
            {
                // ExecuteAsync records failures itself; this is the database failing while it did.
                logger.LogError(ex, "Sync run {RunId} could not be recorded", runId);
            }
            finally
            {
                _running.TryRemove(runId, out _);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();
}
