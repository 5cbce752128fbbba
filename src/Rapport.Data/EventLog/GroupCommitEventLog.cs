using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// Group commit: concurrent appends queue here and one writer loop commits everything waiting in
/// a single transaction, so one fsync serves many requests. Each caller's task completes only
/// after the transaction holding its events committed.
/// </summary>
public sealed class GroupCommitEventLog : IEventLog, IAsyncDisposable
{
    /// <summary>Largest number of events committed in one transaction.</summary>
    private const int MaxEventsPerCommit = 20_000;

    private readonly Channel<PendingAppend> _queue;
    private readonly Func<CancellationToken, Task<IEventBatchWriter>> _openWriter;
    private readonly EventLogSignal _signal;
    private readonly bool _staged;
    private readonly ILogger<GroupCommitEventLog> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="staged">The writer stages appends (SQLite): each caller encodes its own before queueing.</param>
    internal GroupCommitEventLog(Func<CancellationToken, Task<IEventBatchWriter>> openWriter, bool staged, EventLogSignal signal,
        ILogger<GroupCommitEventLog> logger)
    {
        _openWriter = openWriter;
        _staged = staged;
        _signal = signal;
        _logger = logger;
        // Bounded: when the disk cannot keep up, callers wait here instead of memory growing.
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(4_096)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public ValueTask AppendAsync(IReadOnlyList<LoggedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return ValueTask.CompletedTask;
        }
        // Encoding here runs on every caller's thread at once, while the writer loop is waiting
        // for the disk, instead of in the loop between two commits. Not an async method itself, so
        // that nothing waiting for the commit holds on to the events once they are encoded.
        return EnqueueAsync(new PendingAppend(_staged ? PreparedAppend.ForStaging(events) : PreparedAppend.AsTheyAre(events)), cancellationToken);
    }

    private async ValueTask EnqueueAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // The caller may give up waiting, but the events are queued and will still be committed.
        await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        IEventBatchWriter? writer = null;
        var batch = new List<PendingAppend>();
        var appends = new List<PreparedAppend>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                appends.Clear();
                var count = 0;
                while (count < MaxEventsPerCommit && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                    appends.Add(pending.Append);
                    count += pending.Append.Count;
                }
                try
                {
                    writer ??= await _openWriter(_stopping.Token);
                    await writer.WriteAsync(appends, _stopping.Token);
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetResult();
                    }
                    _signal.Notify();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Committing {Count} events to the event log failed", count);
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetException(new EventLogUnavailableException(
                            "The event log could not be written; nothing from this request was stored.", ex));
                    }
                    if (writer is not null)
                    {
                        await writer.DisposeAsync();
                        writer = null;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Let queued appends commit, then stop.
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }
        _stopping.Dispose();
    }

    private sealed class PendingAppend(PreparedAppend append)
    {
        public PreparedAppend Append { get; } = append;
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
