namespace Rapport.Core.Profiles;

/// <summary>
/// Activity KPIs of a user or an account: first seen, last activity, sessions, event counts by
/// name, activity per day and the latest NPS answer. Everything is a fold over events in log
/// order, so rebuilding from the log gives the same values.
/// </summary>
public sealed class ActivityKpis
{
    /// <summary>Days of per-day activity kept: enough for a 90-day engagement chart.</summary>
    public const int RetainedDays = 120;

    public long FirstSeenMs { get; set; }
    public long LastSeenMs { get; set; }
    public int Sessions { get; set; }
    public long TotalEvents { get; set; }
    public Dictionary<string, long> EventCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Events per local day (days since 0001-01-01 in the dataset's time zone).</summary>
    public SortedDictionary<int, int> ActiveDays { get; set; } = [];

    public int? NpsScore { get; set; }
    public long? NpsScoreAtMs { get; set; }
    public string? NpsFeedback { get; set; }
    public long? NpsFeedbackAtMs { get; set; }

    /// <summary>Counts one event that happened at <paramref name="atMs"/> under <paramref name="countKey"/>.</summary>
    public void Record(long atMs, string countKey, DatasetSettings settings)
    {
        if (LastSeenMs == 0)
        {
            Sessions = 1;
        }
        else if (atMs - LastSeenMs > settings.SessionTimeout.TotalMilliseconds)
        {
            // 30 minutes (by default) without activity ended the previous session.
            Sessions++;
        }
        if (FirstSeenMs == 0 || atMs < FirstSeenMs)
        {
            FirstSeenMs = atMs;
        }
        if (atMs > LastSeenMs)
        {
            LastSeenMs = atMs;
        }
        TotalEvents++;
        EventCounts[countKey] = EventCounts.GetValueOrDefault(countKey) + 1;

        var day = settings.LocalDay(atMs);
        ActiveDays[day] = ActiveDays.GetValueOrDefault(day) + 1;
        Trim();
    }

    public void RecordNpsScore(int score, long atMs)
    {
        if (NpsScoreAtMs is null || atMs >= NpsScoreAtMs)
        {
            NpsScore = score;
            NpsScoreAtMs = atMs;
        }
    }

    public void RecordNpsFeedback(string feedback, long atMs)
    {
        if (NpsFeedbackAtMs is null || atMs >= NpsFeedbackAtMs)
        {
            NpsFeedback = feedback;
            NpsFeedbackAtMs = atMs;
        }
    }

    /// <summary>Days with any activity among the <paramref name="days"/> days ending with <paramref name="today"/>.</summary>
    public int DaysActive(int days, int today)
    {
        var count = 0;
        foreach (var day in ActiveDays.Keys)
        {
            if (day > today - days && day <= today)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Adds another profile's activity (when an anonymous profile merges into a known one).</summary>
    public void Merge(ActivityKpis other)
    {
        if (other.TotalEvents == 0)
        {
            return;
        }
        FirstSeenMs = FirstSeenMs == 0 ? other.FirstSeenMs : Math.Min(FirstSeenMs, other.FirstSeenMs);
        LastSeenMs = Math.Max(LastSeenMs, other.LastSeenMs);
        Sessions += other.Sessions;
        TotalEvents += other.TotalEvents;
        foreach (var (name, count) in other.EventCounts)
        {
            EventCounts[name] = EventCounts.GetValueOrDefault(name) + count;
        }
        foreach (var (day, count) in other.ActiveDays)
        {
            ActiveDays[day] = ActiveDays.GetValueOrDefault(day) + count;
        }
        if (other.NpsScore is { } score)
        {
            RecordNpsScore(score, other.NpsScoreAtMs ?? 0);
        }
        if (other.NpsFeedback is { } feedback)
        {
            RecordNpsFeedback(feedback, other.NpsFeedbackAtMs ?? 0);
        }
        Trim();
    }

    private void Trim()
    {
        if (ActiveDays.Count <= RetainedDays)
        {
            return;
        }
        var newest = ActiveDays.Keys.Max();
        foreach (var day in ActiveDays.Keys.Where(d => d <= newest - RetainedDays).ToList())
        {
            ActiveDays.Remove(day);
        }
    }
}
