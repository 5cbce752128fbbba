namespace Rapport.Core.Profiles;

/// <summary>Per-dataset processing settings.</summary>
public sealed class DatasetSettings
{
    private readonly TimeZoneInfo _timeZone;

    public DatasetSettings(string timeZone = "UTC", string npsScoreEvent = "nps_score", string npsFeedbackEvent = "nps_feedback",
        TimeSpan? sessionTimeout = null)
    {
        TimeZone = timeZone;
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        NpsScoreEvent = npsScoreEvent;
        NpsFeedbackEvent = npsFeedbackEvent;
        SessionTimeout = sessionTimeout ?? TimeSpan.FromMinutes(30);
    }

    public static DatasetSettings Default { get; } = new();

    /// <summary>IANA time zone used for "days active" and nightly schedules.</summary>
    public string TimeZone { get; }

    /// <summary>Track event whose <c>score</c> property (0–10) is the NPS answer.</summary>
    public string NpsScoreEvent { get; }

    /// <summary>Track event whose <c>feedback</c> property is the NPS comment.</summary>
    public string NpsFeedbackEvent { get; }

    public TimeSpan SessionTimeout { get; }

    /// <summary>The local calendar day of an instant, as days since 0001-01-01.</summary>
    public int LocalDay(long atMs)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(atMs), _timeZone);
        return DateOnly.FromDateTime(local.DateTime).DayNumber;
    }
}
