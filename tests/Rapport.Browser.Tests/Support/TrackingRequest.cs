namespace Rapport.Browser.Tests.Support;

/// <summary>
/// A tracking request as Rapport received it. <paramref name="FetchMode"/> is the browser's
/// <c>Sec-Fetch-Mode</c>: <c>cors</c> for the snippet's fetch, <c>no-cors</c> for a
/// <c>text/plain</c> beacon.
/// </summary>
public sealed record TrackingRequest(string Path, string? FetchMode, string Body, int StatusCode);
