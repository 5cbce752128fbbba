namespace Rapport.SalesforceEmulator.Faults;

/// <summary>One request as the emulator received and answered it.</summary>
/// <param name="Sequence">1-based order of arrival since the journal was last cleared.</param>
/// <param name="Time">When the request arrived, on the emulator clock.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query.</param>
/// <param name="Query">Query string including '?', or empty.</param>
/// <param name="Status">Response status; null when the connection was dropped.</param>
/// <param name="ApiCall">Whether it counted against the daily API limit.</param>
/// <param name="DurationMs">Time to answer, in milliseconds.</param>
internal sealed record RequestJournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    int? Status,
    bool ApiCall,
    double DurationMs);
