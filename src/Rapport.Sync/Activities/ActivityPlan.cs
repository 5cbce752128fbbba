using Rapport.Sync.Settings;

namespace Rapport.Sync.Activities;

/// <summary>Which event names a dispatch reads, and what each one does: enabled rules (with their index, for the external id) and NPS fields.</summary>
internal sealed class ActivityPlan
{
    private readonly Dictionary<string, List<(int Index, ActivityRule Rule)>> _rules = new(StringComparer.Ordinal);
    private readonly string? _npsScoreEvent;
    private readonly string? _npsFeedbackEvent;

    public ActivityPlan(ActivitySettings settings, string npsScoreEvent, string npsFeedbackEvent)
    {
        if (!settings.Enabled)
        {
            return;
        }
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            var rule = settings.Rules[i];
            if (!rule.Enabled)
            {
                continue;
            }
            if (!_rules.TryGetValue(rule.Event, out var list))
            {
                _rules[rule.Event] = list = [];
            }
            list.Add((i, rule));
        }
        if (settings.UpdateNpsFields)
        {
            _npsScoreEvent = npsScoreEvent;
            _npsFeedbackEvent = npsFeedbackEvent;
        }
    }

    public IEnumerable<string> EventNames => _rules.Keys
        .Concat(new[] { _npsScoreEvent, _npsFeedbackEvent }.OfType<string>())
        .Distinct(StringComparer.Ordinal);

    public IReadOnlyList<(int Index, ActivityRule Rule)> RulesFor(string eventName) => _rules.TryGetValue(eventName, out var list) ? list : [];

    public bool IsNpsScore(string eventName) => eventName == _npsScoreEvent;

    public bool IsNpsFeedback(string eventName) => eventName == _npsFeedbackEvent;
}
