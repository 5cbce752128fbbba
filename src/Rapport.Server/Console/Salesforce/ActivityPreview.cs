namespace Rapport.Server.Console.Salesforce;

/// <summary>A rule's Subject and Description rendered from the latest event of its name, or why there is none.</summary>
/// <param name="EventName">The rule's event name.</param>
/// <param name="At">When the event happened; null when the dataset has no such event.</param>
/// <param name="Who">The user (or anonymous) id the event came from.</param>
/// <param name="Subject">The subject as Salesforce would get it; null when its template failed (see <paramref name="SubjectError"/>) or there is no event.</param>
/// <param name="SubjectError">Why the subject cannot be rendered: it does not parse (known without an event) or fails on this event.</param>
/// <param name="Description">The description as Salesforce would get it; null when its template failed or there is no event.</param>
/// <param name="DescriptionError">Why the description cannot be rendered.</param>
public sealed record ActivityPreview(string EventName, DateTimeOffset? At, string? Who, string? Subject, string? SubjectError, string? Description, string? DescriptionError);
