namespace Rapport.Sync.Matching;

/// <summary>The record a profile is linked to after matching, why, and anything worth a warning.</summary>
public sealed record LinkDecision(long ProfileId, CrmRecord Record, MatchReason Reason, string? Warning);
