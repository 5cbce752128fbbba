using Rapport.Data.Entities;

namespace Rapport.Sync.Push;

/// <summary>One record write waiting for its batch: an update of a linked record (with <see cref="Link"/>) or a lead to create.</summary>
/// <param name="Entry">The profile's place in the pass, marked done once the write is settled.</param>
/// <param name="ProfileKey">The key errors are recorded under and a created lead is linked by.</param>
/// <param name="Link">The link being updated; null for a lead to create.</param>
/// <param name="Fields">The fields sent.</param>
/// <param name="PushedFields">The fields that go into the change journal (for a create: the pushed values, not LastName, Company…).</param>
/// <param name="Hash">The payload fingerprint stored when the CRM rejects it.</param>
internal sealed record PendingWrite(
    PushProgress.Entry Entry,
    string ProfileKey,
    CrmLinkEntity? Link,
    Dictionary<string, object?> Fields,
    Dictionary<string, object?> PushedFields,
    string Hash);
