namespace Rapport.Data.Storage;

/// <summary>What a dataset holds, for its overview.</summary>
/// <param name="Profiles">User profiles, anonymous ones included.</param>
/// <param name="Accounts">Accounts (from group calls and pulled Salesforce accounts).</param>
/// <param name="Events">Events in the log.</param>
/// <param name="EventsLastDay">Events received in the last 24 hours.</param>
public sealed record DatasetCounts(long Profiles, long Accounts, long Events, long EventsLastDay);
