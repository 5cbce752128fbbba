namespace Rapport.Data.EventLog;

/// <summary>
/// Wakes the processor when this node appended events, so it need not wait for its poll; and
/// tells any number of other listeners (the console's live event stream) through <see cref="NextAppend"/>.
/// </summary>
public sealed class EventLogSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    // Replaced on every notification: each listener awaits the task it took, so a notification
    // reaches every listener once, and the processor's single-waiter semaphore is left to it alone.
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes at the next append on this node. Take it <em>before</em> reading the log, then
    /// await it: an append between the read and the wait still completes the task taken.
    /// </summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    /// <summary>Events were appended: wakes the processor and every listener.</summary>
    public void Notify()
    {
        NotifyListeners();
        // Several notifications before the processor wakes collapse into one.
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread released it first: the processor is already woken.
            }
        }
    }

    /// <summary>
    /// Events became readable in the log without the processor having to be woken: it moved them
    /// there itself (see <see cref="IEventStaging"/>).
    /// </summary>
    public void NotifyListeners()
        => Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
