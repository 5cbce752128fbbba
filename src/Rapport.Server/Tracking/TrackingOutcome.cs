namespace Rapport.Server.Tracking;

/// <summary>
/// What <see cref="TrackingPipeline"/> made of a request: accepted (status 200, the events on
/// disk) or refused with the status, title and message the tracking API answers with.
/// </summary>
internal sealed record TrackingOutcome(int Status, string? Title, string? Detail, IReadOnlyList<TrackingErrorDto>? Errors)
{
    /// <summary>True when every message is committed to the event log.</summary>
    public bool Accepted => Status == StatusCodes.Status200OK;

    /// <summary>True when the write key was missing or unknown (the API adds a Basic challenge).</summary>
    public bool Unauthorized => Status == StatusCodes.Status401Unauthorized;

    public static TrackingOutcome Ok { get; } = new(StatusCodes.Status200OK, null, null, null);

    public static TrackingOutcome Refused(int status, string title, string detail, IReadOnlyList<TrackingErrorDto>? errors = null)
        => new(status, title, detail, errors);
}
