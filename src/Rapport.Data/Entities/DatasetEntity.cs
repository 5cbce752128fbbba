namespace Rapport.Data.Entities;

/// <summary>A dataset (Interaction Studio's dataset, Account Engagement's business unit).</summary>
public sealed class DatasetEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string NpsScoreEvent { get; set; } = "nps_score";
    public string NpsFeedbackEvent { get; set; } = "nps_feedback";
}
