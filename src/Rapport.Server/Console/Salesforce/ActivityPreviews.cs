using Rapport.Data.Entities;
using Rapport.Data.Storage;
using Rapport.Sync.Activities;
using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>
/// Renders activity rules from the latest event of their name with <see cref="ActivityText"/>, the
/// rendering the dispatcher writes to Salesforce, for the Activities page and its live preview.
/// </summary>
public sealed class ActivityPreviews(ProfileQueries queries)
{
    /// <summary>A preview per rule index; rules without an event name have none.</summary>
    public async Task<Dictionary<int, ActivityPreview>> PreviewAsync(string datasetId, IReadOnlyList<ActivityRule> rules, CancellationToken cancellationToken)
    {
        // Several rules may name one event: it is read once.
        var latest = new Dictionary<string, EventEntity?>(StringComparer.Ordinal);
        var result = new Dictionary<int, ActivityPreview>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (string.IsNullOrWhiteSpace(rule.Event))
            {
                continue;
            }
            if (!latest.TryGetValue(rule.Event, out var found))
            {
                latest[rule.Event] = found = await LatestAsync(datasetId, rule.Event, cancellationToken);
            }
            result[i] = Render(rule, found);
        }
        return result;
    }

    /// <summary>One rule's preview, or null when it names no event.</summary>
    public async Task<ActivityPreview?> PreviewAsync(string datasetId, ActivityRule rule, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(rule.Event) ? null : Render(rule, await LatestAsync(datasetId, rule.Event, cancellationToken));

    private async Task<EventEntity?> LatestAsync(string datasetId, string eventName, CancellationToken cancellationToken)
        => (await queries.EventsAsync(datasetId, null, eventName, 1, long.MaxValue, cancellationToken)).FirstOrDefault();

    private static ActivityPreview Render(ActivityRule rule, EventEntity? found)
    {
        if (found is null)
        {
            // Nothing to render with, but a template that does not parse is wrong for every event.
            return new ActivityPreview(rule.Event, null, null, null, ParseError("subject", rule.Subject), null, ParseError("description", rule.Description));
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(found.TimestampMs);
        var variables = ActivityVariables.FromMessage(found.Payload, found.Name, found.UserId, found.AnonymousId, at);
        var subject = ActivityText.Subject(rule.Subject, variables);
        var description = ActivityText.Description(rule.Description, variables);
        return new ActivityPreview(rule.Event, at, found.UserId ?? found.AnonymousId,
            subject.Text, Error("subject", subject), description.Text, Error("description", description));
    }

    private static string? ParseError(string part, string template)
        => ActivityTemplate.TryParse(template, out _, out var error) ? null : $"The {part} template does not parse: {error}";

    // Worded as SyncSettingsValidator words a parse error, so the message next to the field reads the same live and after Save.
    private static string? Error(string part, ActivityTextResult result)
        => result.ParseError is { } parse ? $"The {part} template does not parse: {parse}"
            : result.RenderError is { } render ? $"The {part} template fails on this event: {render}"
            : null;
}
