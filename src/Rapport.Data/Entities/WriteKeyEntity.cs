namespace Rapport.Data.Entities;

/// <summary>A tracking API write key of a dataset.</summary>
public sealed class WriteKeyEntity
{
    public required string Key { get; set; }
    public required string DatasetId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
