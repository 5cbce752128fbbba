using System.Globalization;
using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>Converts between <see cref="ActivitySettings"/> and the Activities page's rules.</summary>
public static class ActivitiesForm
{
    /// <summary>The form showing <paramref name="activities"/>.</summary>
    public static ActivitiesFormInput From(ActivitySettings activities) => new()
    {
        Enabled = activities.Enabled,
        UpdateNpsFields = activities.UpdateNpsFields,
        Rules = Rules(activities.Rules),
    };

    /// <summary>Seed 001's rules, to put back in the form.</summary>
    public static List<ActivityRuleInput> Rules(IEnumerable<ActivityRule> rules) => rules.Select(r => new ActivityRuleInput
    {
        Event = r.Event,
        Object = r.Object,
        Subject = r.Subject,
        Description = r.Description,
        Enabled = r.Enabled,
    }).ToList();

    /// <summary>
    /// The settings the posted form describes after the pressed button: a removed rule leaves
    /// <paramref name="input"/> too, and with Add (or anything typed into the new rule) the new rule
    /// comes last, at index <c>input.Rules.Count</c>.
    /// </summary>
    public static ActivitySettings ToSettings(ActivitiesFormInput input, ActivitySettings basis)
    {
        var command = input.Command ?? "save";
        if (command.StartsWith("remove:", StringComparison.Ordinal)
            && int.TryParse(command["remove:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var removed)
            && removed < input.Rules.Count)
        {
            input.Rules.RemoveAt(removed);
        }
        var rules = input.Rules.Select(r => Rule(r.Event, r.Object, r.Subject, r.Description, r.Enabled)).ToList();
        if (HasNewRule(input))
        {
            rules.Add(Rule(input.NewEvent, input.NewObject, input.NewSubject, input.NewDescription, enabled: true));
        }
        return basis with { Enabled = input.Enabled, UpdateNpsFields = input.UpdateNpsFields, Rules = rules };
    }

    /// <summary>Whether the new rule is part of the post: Add was pressed, or something was typed into it.</summary>
    public static bool HasNewRule(ActivitiesFormInput input)
        => input.Command == "add" || !string.IsNullOrWhiteSpace(input.NewEvent) || !string.IsNullOrWhiteSpace(input.NewSubject) || !string.IsNullOrWhiteSpace(input.NewDescription);

    // Templates keep their spacing (it is what the activity shows); only the event name is trimmed.
    private static ActivityRule Rule(string? name, ActivityObject activityObject, string? subject, string? description, bool enabled) => new()
    {
        Event = name?.Trim() ?? "",
        Object = Enum.IsDefined(activityObject) ? activityObject : ActivityObject.Event,
        Subject = subject ?? "",
        Description = description ?? "",
        Enabled = enabled,
    };
}
