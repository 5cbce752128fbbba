namespace Rapport.Core.Profiles;

/// <summary>An account (company, workspace) from <c>group</c> calls: traits and its members' activity.</summary>
public sealed class AccountProfile
{
    public long Id { get; set; }
    public required string GroupId { get; init; }
    public AttributeSet Attributes { get; init; } = new();
    public ActivityKpis Kpis { get; init; } = new();
}
