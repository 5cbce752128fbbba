namespace Rapport.Sync.Activities;

/// <summary>A rendered Subject or Description (<see cref="ActivityText"/>), or why there is none.</summary>
/// <param name="Text">The text written to the CRM; null when the template failed.</param>
/// <param name="ParseError">Why the template does not parse (it fails for every event).</param>
/// <param name="RenderError">Why the template parses but fails on this event (a filter given bad arguments, too many steps).</param>
public sealed record ActivityTextResult(string? Text, string? ParseError, string? RenderError);
