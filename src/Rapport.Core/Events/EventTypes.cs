namespace Rapport.Core.Events;

/// <summary>Maps Segment's <c>type</c> strings to <see cref="EventType"/> and back.</summary>
public static class EventTypes
{
    public static bool TryParse(ReadOnlySpan<char> value, out EventType type)
    {
        // Segment sends lower-case types; analytics-python and some proxies send capitalised ones.
        if (value.Equals("identify", StringComparison.OrdinalIgnoreCase)) { type = EventType.Identify; return true; }
        if (value.Equals("track", StringComparison.OrdinalIgnoreCase)) { type = EventType.Track; return true; }
        if (value.Equals("page", StringComparison.OrdinalIgnoreCase)) { type = EventType.Page; return true; }
        if (value.Equals("screen", StringComparison.OrdinalIgnoreCase)) { type = EventType.Screen; return true; }
        if (value.Equals("group", StringComparison.OrdinalIgnoreCase)) { type = EventType.Group; return true; }
        if (value.Equals("alias", StringComparison.OrdinalIgnoreCase)) { type = EventType.Alias; return true; }
        type = default;
        return false;
    }

    public static string ToWireName(this EventType type) => type switch
    {
        EventType.Identify => "identify",
        EventType.Track => "track",
        EventType.Page => "page",
        EventType.Screen => "screen",
        EventType.Group => "group",
        EventType.Alias => "alias",
        EventType.CrmUpdate => "crm_update",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };
}
