namespace Rapport.Data.Entities;

/// <summary>An anonymous id and the profile it was merged into.</summary>
public sealed class IdentityEntity
{
    public required string DatasetId { get; set; }
    public required string AnonymousId { get; set; }
    public long ProfileId { get; set; }
}
