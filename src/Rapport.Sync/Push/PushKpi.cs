namespace Rapport.Sync.Push;

/// <summary>
/// A KPI Rapport computes for every profile and account and can push to a CRM field: its name in
/// <see cref="Settings.PushField.Name"/>, and how a person would call it.
/// </summary>
/// <param name="Name">The name push settings use (<c>lastSeen</c>, <c>sessions</c>, …).</param>
/// <param name="Label">A short human name ("Last activity").</param>
public sealed record PushKpi(string Name, string Label)
{
    /// <summary>The KPIs <see cref="PushValueFormatter"/> knows; <c>events.&lt;name&gt;</c> counts come on top, one per event name.</summary>
    public static IReadOnlyList<PushKpi> All { get; } =
    [
        new("lastSeen", "Last activity"),
        new("firstSeen", "First seen"),
        new("sessions", "Sessions"),
        new("totalEvents", "Total events"),
        new("daysActive30", "Days active in the last 30 days"),
        new("npsScore", "Latest NPS score"),
        new("npsFeedback", "Latest NPS feedback"),
    ];

    /// <summary>The prefix of per-event counts: <c>events.download</c> pushes how many download events were seen.</summary>
    public const string EventsPrefix = "events.";
}
