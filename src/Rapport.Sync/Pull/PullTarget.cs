using Rapport.Sync.Matching;

namespace Rapport.Sync.Pull;

/// <summary>The profile a pulled record goes to, and how it was found.</summary>
internal sealed record PullTarget(PullCandidate Candidate, MatchReason Reason);
