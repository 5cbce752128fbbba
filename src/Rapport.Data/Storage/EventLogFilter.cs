using Rapport.Core.Events;

namespace Rapport.Data.Storage;

/// <summary>
/// Which events of a dataset a reader wants: one type, one name (<c>event</c> of a track call,
/// <c>name</c> of a page or screen), one person. Null members match everything.
/// </summary>
/// <param name="Type">The call type, or null for all.</param>
/// <param name="Name">The exact event or page name, or null for all.</param>
/// <param name="UserId">Events sent with this user id, or null.</param>
/// <param name="AnonymousIds">Events sent with one of these anonymous ids (a person's merged ids), or null.</param>
public sealed record EventLogFilter(EventType? Type, string? Name, string? UserId, IReadOnlyCollection<string>? AnonymousIds)
{
    /// <summary>Every event.</summary>
    public static EventLogFilter All { get; } = new(null, null, null, null);

    /// <summary>True when a person was asked for: only their events match.</summary>
    public bool HasPerson => UserId is not null || AnonymousIds is { Count: > 0 };
}
