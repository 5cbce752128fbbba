using Rapport.Core.Events;
using Rapport.Data.Storage;

namespace Rapport.Server.Console.Events;

/// <summary>
/// The event stream's filters as they travel in the query string (<c>type</c>, <c>name</c>,
/// <c>userId</c>), so the page, its live stream and a shared link all show the same events.
/// </summary>
public sealed record EventStreamFilter(string? Type, string? Name, string? UserId)
{
    /// <summary>Longest name or id accepted, as the event log stores them.</summary>
    public const int MaxLength = 1024;

    /// <summary>The types a person can choose, with the words the page shows for them.</summary>
    public static IReadOnlyList<(EventType Type, string Label)> Types { get; } =
    [
        (EventType.Identify, "identify"),
        (EventType.Track, "track"),
        (EventType.Page, "page"),
        (EventType.Screen, "screen"),
        (EventType.Group, "group"),
        (EventType.Alias, "alias"),
        (EventType.CrmUpdate, "crm_update (Salesforce pull)"),
    ];

    /// <summary>The filter with blanks as "everything" and surrounding spaces trimmed.</summary>
    public static EventStreamFilter From(string? type, string? name, string? userId)
        => new(Blank(type)?.ToLowerInvariant(), Blank(name), Blank(userId));

    /// <summary>True when at least one filter is set.</summary>
    public bool Any => Type is not null || Name is not null || UserId is not null;

    /// <summary>The chosen type, when <see cref="Type"/> names one.</summary>
    public EventType? ParsedType => Type is null ? null : Types.Where(t => t.Type.ToWireName() == Type).Select(t => (EventType?)t.Type).FirstOrDefault();

    /// <summary>Why a filter cannot be applied, by query parameter name; empty when all are valid.</summary>
    public IReadOnlyDictionary<string, string> Errors()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Type is not null && ParsedType is null)
        {
            errors["type"] = $"\"{Type}\" is not an event type; choose one of {string.Join(", ", Types.Select(t => t.Type.ToWireName()))}.";
        }
        if (Name is { Length: > MaxLength })
        {
            errors["name"] = $"An event name is at most {MaxLength} characters.";
        }
        if (UserId is { Length: > MaxLength })
        {
            errors["userId"] = $"A user id is at most {MaxLength} characters.";
        }
        return errors;
    }

    /// <summary>
    /// The log filter: a user id stands for the whole person, as on the read API: the events sent
    /// with their user id and with every anonymous id merged into their profile (when it exists).
    /// </summary>
    public async Task<EventLogFilter> ResolveAsync(string datasetId, ProfileQueries profiles, CancellationToken cancellationToken)
    {
        string? user = null;
        IReadOnlyCollection<string>? anonymousIds = null;
        if (UserId is not null)
        {
            var profile = await profiles.FindProfileAsync(datasetId, UserId, cancellationToken);
            user = profile?.UserId ?? UserId;
            anonymousIds = profile is null ? [UserId] : [.. await profiles.AnonymousIdsAsync(profile.Id, cancellationToken)];
        }
        return new EventLogFilter(ParsedType, Name, user, anonymousIds);
    }

    /// <summary>The filters as a query string without the "?" (empty when none), for links and the stream's address.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>(3);
        Add(parts, "type", Type);
        Add(parts, "name", Name);
        Add(parts, "userId", UserId);
        return string.Join('&', parts);
    }

    private static void Add(List<string> parts, string key, string? value)
    {
        if (value is not null)
        {
            parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
