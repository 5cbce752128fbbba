namespace Rapport.Data.EventLog;

/// <summary>The PostgreSQL log: appends are written to <c>events</c> directly.</summary>
internal sealed class NoEventStaging : IEventStaging
{
    public Task<int> SplitAsync(int maxEvents, CancellationToken cancellationToken) => Task.FromResult(0);
}
