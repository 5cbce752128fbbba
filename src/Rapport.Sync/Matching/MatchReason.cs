namespace Rapport.Sync.Matching;

/// <summary>Why a record was linked to a profile, from strongest to weakest.</summary>
public enum MatchReason
{
    SalesforceId = 0,
    MatchField = 1,
    Name = 2,
    Email = 3,
}
