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
    /// <summary>
    /// Not a Segment call: attribute values pulled from a CRM record, written to the log by the sync
    /// engine so a rebuild from the log keeps them. The tracking API can never produce this type.
    /// Payload: <c>{"source":"salesforce","traits":{…}}</c>; the profile is addressed by user or
    /// anonymous id, an account by group id alone.
    /// </summary>
    CrmUpdate = 7,
}
