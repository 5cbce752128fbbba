using Rapport.Sync.Runs;

namespace Rapport.Commands;

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (Progress&lt;T&gt; would post, and could run after the run ended).</summary>
internal sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}
