namespace Rapport.Core.Tracking;

/// <summary>Segment's documented limits for the HTTP Tracking API.</summary>
public static class TrackingLimits
{
    /// <summary>"32KB per call" (Segment HTTP Tracking API, Max request size).</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>"500KB per batch request".</summary>
    public const int MaxBatchBytes = 500 * 1024;

    /// <summary>
    /// Ids are indexed; a bound keeps them indexable on every database. Segment documents none,
    /// real ids (UUIDs, emails, CRM ids) are far shorter.
    /// </summary>
    public const int MaxIdLength = 1024;
}
