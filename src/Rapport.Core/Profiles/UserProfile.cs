namespace Rapport.Core.Profiles;

/// <summary>A person: their user id once known, the anonymous ids merged into them, attributes and KPIs.</summary>
public sealed class UserProfile
{
    /// <summary>Storage key; 0 until the profile is saved.</summary>
    public long Id { get; set; }
    public string? UserId { get; set; }
    public AttributeSet Attributes { get; init; } = new();
    public ActivityKpis Kpis { get; init; } = new();
    /// <summary>Group ids of the accounts this user belongs to.</summary>
    public HashSet<string> Accounts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Takes in another profile of the same person: attributes (later change wins), KPIs, accounts.</summary>
    public void Absorb(UserProfile other)
    {
        Attributes.Merge(other.Attributes);
        Kpis.Merge(other.Kpis);
        Accounts.UnionWith(other.Accounts);
    }
}
