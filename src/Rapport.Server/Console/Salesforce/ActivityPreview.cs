namespace Rapport.Server.Console.Salesforce;

/// <summary>A rule's Subject and Description rendered from the latest event of its name, or why there is none.</summary>
/// <param name="EventName">The rule's event name.</param>
/// <param name="At">When the event happened; null when the dataset has no such event.</param>
/// <param name="Who">The user (or anonymous) id the event came from.</param>
/// <param name="Subject">The rendered subject; null when its template failed (see <paramref name="SubjectError"/>).</param>
/// <param name="SubjectError">Why the subject could not be rendered.</param>
/// <param name="Description">The rendered description; null when its template failed.</param>
/// <param name="DescriptionError">Why the description could not be rendered.</param>
public sealed record ActivityPreview(string EventName, DateTimeOffset? At, string? Who, string? Subject, string? SubjectError, string? Description, string? DescriptionError);
