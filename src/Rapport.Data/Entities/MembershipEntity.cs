namespace Rapport.Data.Entities;

/// <summary>A user's membership of an account.</summary>
public sealed class MembershipEntity
{
    public long ProfileId { get; set; }
    public long AccountId { get; set; }
    public required string DatasetId { get; set; }
}
