namespace Rapport.Server.Configuration;

/// <summary>
/// Rapport's settings: section <c>Rapport</c> of appsettings.json, or environment variables
/// <c>RAPPORT_ADMIN_KEY</c>, <c>RAPPORT_DATA_DIRECTORY</c>, <c>RAPPORT_DATABASE</c>…
/// </summary>
public sealed class RapportOptions
{
    public const string Section = "Rapport";

    /// <summary>Bearer key for the admin API. Generated into the data directory when not set.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Where the SQLite database and generated keys live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A PostgreSQL connection string; SQLite is used when empty.</summary>
    public string? Database { get; set; }

    /// <summary>How often the processor looks for events appended by other nodes.</summary>
    public int ProcessorPollMilliseconds { get; set; } = 500;

    /// <summary>
    /// How long the processor lets new events gather after being woken by an append, so that under
    /// steady traffic it applies them in chunks rather than one request at a time. 0 turns it off.
    /// </summary>
    public int ProcessorBatchMilliseconds { get; set; } = 50;

    /// <summary>
    /// The share (percent) of its time the processor takes while the tracking API is saturated
    /// (see <c>ProcessorYield</c>); it pauses for the rest, so accepting events comes first. 100
    /// turns yielding off. 10 rather than 25: in the ingest benchmark the tracking API accepted about
    /// 11 % more events per second flat out (316,000-320,000 against 283,000-289,000, runs taken in
    /// turn), while the processor still applies a few thousand events per second during such a burst
    /// and catches up at full speed after it; far below the burst's own rate either way.
    /// </summary>
    public int ProcessorShareUnderLoad { get; set; } = 10;

    /// <summary>Tracking requests in progress at which the tracking API counts as saturated for <see cref="ProcessorShareUnderLoad"/>.</summary>
    public int ProcessorYieldAtTrackingRequests { get; set; } = 8;

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: comma-separated
    /// addresses and networks (see <c>TrustedProxies</c>). Empty: the headers are ignored.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Tracking requests handled at once; more wait in a queue (see <c>TrackingAdmission</c>).</summary>
    public int TrackingMaxConcurrentRequests { get; set; } = 128;

    /// <summary>Tracking requests that may wait for a turn; beyond them a request gets a 503 with Retry-After.</summary>
    public int TrackingMaxQueuedRequests { get; set; } = 2_048;
}
