using Rapport.Data.Entities;

namespace Rapport.Sync.Pull;

/// <summary>A page's matching outcome: record id → target, the candidates by key, and their live links.</summary>
internal sealed record PullPlan(
    IReadOnlyDictionary<string, PullTarget> Targets,
    IReadOnlyDictionary<string, PullCandidate> CandidatesByKey,
    ILookup<string, CrmLinkEntity> LiveLinks);
