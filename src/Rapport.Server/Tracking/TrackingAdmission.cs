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
public sealed class TrackingAdmission(IOptions<RapportOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.TrackingMaxConcurrentRequests,
        QueueLimit = options.Value.TrackingMaxQueuedRequests,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private readonly int _permits = options.Value.TrackingMaxConcurrentRequests;

    /// <summary>Tracking requests being handled now (not counting those waiting in the queue).</summary>
    public long InProgress => _permits - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? _permits);

    /// <summary>A lease to dispose when the request is done; not acquired when the queue is full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
