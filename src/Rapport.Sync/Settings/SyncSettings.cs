using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Sync.Settings;

/// <summary>
/// Everything a connection syncs and when: the pull tab, the push tab, activity rules and the
/// schedule (seed 000's Setup / Push / Pull tabs, seed 001's activity table). Stored as JSON on the
/// connection; reconfiguring replaces this document and keeps the record links.
/// </summary>
public sealed record SyncSettings
{
    public PullSettings Pull { get; init; } = new();
    public PushSettings Push { get; init; } = new();
    public ActivitySettings Activities { get; init; } = new();
    public ScheduleSettings Schedule { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads a stored document; an empty or missing one gives the defaults.</summary>
    public static SyncSettings Parse(string? json)
        => string.IsNullOrWhiteSpace(json) || json.Trim() == "{}" ? new SyncSettings() : JsonSerializer.Deserialize<SyncSettings>(json, Json) ?? new SyncSettings();

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
