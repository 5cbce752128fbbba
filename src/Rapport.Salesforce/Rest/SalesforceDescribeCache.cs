using System.Collections.Concurrent;

namespace Rapport.Salesforce.Rest;

/// <summary>
/// sObject describes kept beyond one client's life. Sync runs use a new client each time; sharing
/// the describes of one connection (one org, user and API version) between them lets a run with
/// nothing to do cost one query per record type and no describe calls. Entries are dropped when
/// Rapport creates fields and when a query names a field Salesforce no longer shows the user.
/// </summary>
public sealed class SalesforceDescribeCache
{
    internal ConcurrentDictionary<string, Lazy<Task<SObjectDescribe>>> Entries { get; } = new(StringComparer.OrdinalIgnoreCase);
}
