namespace Rapport.SalesforceEmulator.Faults;

/// <summary><c>GET /__emulator/requests</c>: totals since the last clear and the kept entries, oldest first.</summary>
internal sealed record RequestJournalView(long TotalRequests, long ApiCallCount, IReadOnlyList<RequestJournalEntry> Requests);
