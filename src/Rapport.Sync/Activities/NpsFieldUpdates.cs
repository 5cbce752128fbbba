using System.Globalization;
using Rapport.Sync.Connectors;
using Rapport.Sync.Naming;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Activities;

/// <summary>
/// The latest NPS score and feedback per linked record in one chunk (seed 001's "events that update
/// properties"): a later answer wins, as for the profile's NPS KPIs, so a chunk writes each record once.
/// </summary>
internal sealed class NpsFieldUpdates(string? infix)
{
    private readonly Dictionary<(string ObjectType, string RecordId), Dictionary<string, (object? Value, long AtMs)>> _records = [];

    public string ScoreField { get; } = CustomFieldNamer.ApiName("NPS Score", infix);
    public string FeedbackField { get; } = CustomFieldNamer.ApiName("NPS Feedback", infix);

    public IReadOnlyList<CrmFieldSpec> Fields =>
    [
        new(ScoreField, "Rapport NPS Score", CrmFieldType.Number),
        new(FeedbackField, "Rapport NPS Feedback", CrmFieldType.LongText),
    ];

    public bool IsEmpty => _records.Count == 0;

    public IEnumerable<string> ObjectTypes => _records.Keys.Select(k => k.ObjectType).Distinct(StringComparer.Ordinal);

    /// <summary>Takes the score (0–10, a number or numeric string) of a score event; other values are ignored.</summary>
    public void AddScore(string objectType, string recordId, object? value, long atMs)
    {
        decimal? score = value switch
        {
            decimal number => number,
            double number => (decimal)number,
            string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (score is >= 0 and <= 10)
        {
            Add(objectType, recordId, ScoreField, score.Value, atMs);
        }
    }

    public void AddFeedback(string objectType, string recordId, object? value, long atMs)
    {
        if (value is string text)
        {
            Add(objectType, recordId, FeedbackField, text, atMs);
        }
    }

    public IReadOnlyList<CrmRecordUpdate> UpdatesFor(string objectType) => _records
        .Where(r => r.Key.ObjectType == objectType)
        .Select(r => new CrmRecordUpdate(r.Key.RecordId, r.Value.ToDictionary(f => f.Key, f => f.Value.Value, StringComparer.Ordinal)))
        .ToList();

    private void Add(string objectType, string recordId, string field, object? value, long atMs)
    {
        if (!_records.TryGetValue((objectType, recordId), out var fields))
        {
            _records[(objectType, recordId)] = fields = new Dictionary<string, (object?, long)>(StringComparer.Ordinal);
        }
        if (!fields.TryGetValue(field, out var existing) || atMs >= existing.AtMs)
        {
            fields[field] = (value, atMs);
        }
    }
}
