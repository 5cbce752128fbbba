namespace Rapport.Server.Console.Salesforce;

/// <summary>What the Activities page's live preview shows for one rule (<see cref="ActivityPreviewEndpoint"/>).</summary>
/// <param name="Event">The event name previewed with; null when none was given.</param>
/// <param name="Found">Whether the dataset has such an event to render with.</param>
/// <param name="At">When that event happened.</param>
/// <param name="Who">The user (or anonymous) id it came from.</param>
/// <param name="Subject">The subject Salesforce would get; null when there is no event or the template fails.</param>
/// <param name="Description">The description Salesforce would get; null when there is no event or the template fails.</param>
/// <param name="Errors">Messages to show next to the fields, keyed <c>event</c>, <c>subject</c> or <c>description</c>.</param>
public sealed record ActivityPreviewResponse(string? Event, bool Found, DateTimeOffset? At, string? Who, string? Subject, string? Description,
    IReadOnlyDictionary<string, string> Errors);
