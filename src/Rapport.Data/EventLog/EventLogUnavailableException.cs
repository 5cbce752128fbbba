namespace Rapport.Data.EventLog;

/// <summary>The event log could not be written; the request's events were not stored.</summary>
public sealed class EventLogUnavailableException : Exception
{
    public EventLogUnavailableException()
    {
    }

    public EventLogUnavailableException(string message) : base(message)
    {
    }

    public EventLogUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
