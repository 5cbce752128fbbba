namespace Rapport.Core.Events;

/// <summary>The Segment Tracking API call types. The numeric values are stored in the event log.</summary>
public enum EventType
{
    Identify = 1,
    Track = 2,
    Page = 3,
    Screen = 4,
    Group = 5,
    Alias = 6,
}
