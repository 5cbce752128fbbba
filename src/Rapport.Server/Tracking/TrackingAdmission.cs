using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Rapport.Server.Configuration;

namespace Rapport.Server.Tracking;

/// <summary>
/// Bounds how many tracking requests are read, parsed and waiting for the event log at once. Each
/// holds its body and its parsed messages in memory until its events are committed, so without a
/// bound a burst from many clients grows memory without limit. Requests beyond the bound wait in
/// a queue (before their body is read); beyond the queue they get a 503 with Retry-After, which
/// Segment's libraries answer by retrying later.
/// </summary>
public sealed class TrackingAdmission(IOptions<RapportOptions> options, TimeProvider time) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.TrackingMaxConcurrentRequests,
        QueueLimit = options.Value.TrackingMaxQueuedRequests,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private readonly Lock _load = new();
    private long _inProgress;
    private double _average;
    private long _averagedAt = time.GetTimestamp();

    /// <summary>Tracking requests being handled now (not counting those waiting in the queue).</summary>
    public long InProgress
    {
        get
        {
            lock (_load)
            {
                return _inProgress;
            }
        }
    }

    /// <summary>A lease to dispose when the request is done; not acquired when the queue is full.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            return lease;
        }
        Count(+1);
        return new CountedLease(lease, this);
    }

    /// <summary>
    /// How many tracking requests were in progress lately: a moving average over time that forgets
    /// with a time constant of <see cref="AverageOver"/>. Under a burst from clients that send
    /// their next request as soon as one is answered, the number at any one instant swings widely
    /// (a client between two requests is not counted), and a brief pile-up at a normal rate (after
    /// a garbage collection, say) looks the same for a moment: the average tells them apart. At
    /// 10,000 events/s in batches of 100 it stays below 1; from 32 such clients flat out it is over 10.
    /// </summary>
    public double AverageInProgress
    {
        get
        {
            lock (_load)
            {
                Advance();
                return _average;
            }
        }
    }

    /// <summary>The time constant of <see cref="AverageInProgress"/>.</summary>
    public static TimeSpan AverageOver { get; } = TimeSpan.FromSeconds(1);

    public void Dispose() => _limiter.Dispose();

    private void Count(int change)
    {
        lock (_load)
        {
            Advance();
            _inProgress += change;
        }
    }

    // The count is constant since the last change, so the average moves towards it exponentially.
    private void Advance()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_averagedAt, now);
        var kept = Math.Exp(-elapsed / AverageOver);
        _average = _average * kept + _inProgress * (1 - kept);
        _averagedAt = now;
    }

    /// <summary>The limiter's lease, counted out of the load when disposed.</summary>
    private sealed class CountedLease(RateLimitLease inner, TrackingAdmission admission) : RateLimitLease
    {
        private int _disposed;

        public override bool IsAcquired => inner.IsAcquired;

        public override IEnumerable<string> MetadataNames => inner.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => inner.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                admission.Count(-1);
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
