namespace Rapport.Server.Tracking;

/// <summary>The body of a successful tracking call, as Segment answers: <c>{"success": true}</c>.</summary>
public sealed record TrackingSuccess(bool Success)
{
    public static TrackingSuccess Instance { get; } = new(true);
}
