namespace Rapport.Data.Storage;

/// <summary>
/// Whose events to read: the profile (null when none exists yet) and every id its events may carry,
/// for those the processor has not reached yet.
/// </summary>
public sealed record EventPerson(long? ProfileId, string? UserId, IReadOnlyCollection<string> AnonymousIds);
