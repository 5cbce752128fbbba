using System.Text.RegularExpressions;
using Quartz;
using Rapport.Sync.Activities;
using Rapport.Sync.Matching;
using Rapport.Sync.Naming;
using Rapport.Sync.Settings;

namespace Rapport.Server.Sync;

/// <summary>Checks a sync settings document before it is stored; each problem is keyed by the JSON path of the field.</summary>
public static partial class SyncSettingsValidator
{
    public const int MinimumBulkThreshold = 200;
    public const int MaxInfixLength = 20;

    /// <summary>What an infix may be; the Push page's script shows the same words as it is typed.</summary>
    public static readonly string InfixRule = $"The infix becomes part of Salesforce field names (Rapport_<infix>_<Name>__c): up to {MaxInfixLength} letters and digits, starting with a letter, single underscores between words;";

    public static Dictionary<string, string[]> Validate(SyncSettings settings)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        var schedule = settings.Schedule;
        if (schedule.IntervalMinutes < ScheduleSettings.MinimumIntervalMinutes)
        {
            Add("schedule.intervalMinutes", $"The interval must be at least {ScheduleSettings.MinimumIntervalMinutes} minutes (Salesforce API limits); got {schedule.IntervalMinutes}.");
        }
        if (string.IsNullOrWhiteSpace(schedule.NightlyCron) || !CronExpression.TryParse(schedule.NightlyCron, out _))
        {
            Add("schedule.nightlyCron", $"\"{schedule.NightlyCron}\" is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 0 2 * * ?\" for 02:00.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < settings.Pull.RecordTypes.Count; i++)
        {
            var type = settings.Pull.RecordTypes[i];
            var path = $"pull.recordTypes[{i}]";
            if (string.IsNullOrWhiteSpace(type.ObjectType))
            {
                Add(path + ".objectType", "The object's API name is required (Contact, Lead, Account or a custom object such as Company__c).");
            }
            else if (!seen.Add(type.ObjectType))
            {
                Add(path + ".objectType", $"{type.ObjectType} is listed more than once; each object is configured once.");
            }
            if (!Enum.IsDefined(type.Kind))
            {
                Add(path + ".kind", $"The kind must be one of {string.Join(", ", Enum.GetNames<CrmObjectKind>())}.");
            }
            if (type.CreatedWithinDays is <= 0)
            {
                Add(path + ".createdWithinDays", "The number of days must be positive (or null for no filter).");
            }
            if (type.ModifiedWithinDays is <= 0)
            {
                Add(path + ".modifiedWithinDays", "The number of days must be positive (or null for no filter).");
            }
            // Salesforce API names are case-insensitive; attribute names are not, as everywhere in profiles.
            var mappedFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var mappedAttributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var m = 0; m < type.Mappings.Count; m++)
            {
                var mapping = type.Mappings[m];
                if (string.IsNullOrWhiteSpace(mapping.Field))
                {
                    Add($"{path}.mappings[{m}].field", "The Salesforce field of a mapping is required.");
                }
                else if (!mappedFields.TryAdd(mapping.Field.Trim(), mapping.Attribute))
                {
                    Add($"{path}.mappings[{m}].field", $"{mapping.Field} is already pulled into {mappedFields[mapping.Field.Trim()]}; each field is mapped once per object.");
                }
                if (string.IsNullOrWhiteSpace(mapping.Attribute))
                {
                    Add($"{path}.mappings[{m}].attribute", "The profile attribute of a mapping is required.");
                }
                else if (!mappedAttributes.TryAdd(mapping.Attribute.Trim(), mapping.Field))
                {
                    Add($"{path}.mappings[{m}].attribute", $"{mapping.Attribute} already receives {mappedAttributes[mapping.Attribute.Trim()]}; two fields of one object cannot fill the same attribute.");
                }
            }
        }

        var push = settings.Push;
        if (!string.IsNullOrEmpty(push.Infix) && (push.Infix.Length > MaxInfixLength || !InfixPattern().IsMatch(push.Infix) || CustomFieldNamer.Sanitize(push.Infix).Length == 0))
        {
            Add("push.infix", $"{InfixRule} got \"{push.Infix}\".");
        }
        if (push.BulkThreshold < MinimumBulkThreshold)
        {
            Add("push.bulkThreshold", $"The Bulk API threshold must be at least {MinimumBulkThreshold} records (below that sObject Collections is cheaper); got {push.BulkThreshold}.");
        }
        ValidatePushFields(push.UserFields, "push.userFields", Add);
        ValidatePushFields(push.AccountFields, "push.accountFields", Add);

        for (var r = 0; r < settings.Activities.Rules.Count; r++)
        {
            var rule = settings.Activities.Rules[r];
            if (string.IsNullOrWhiteSpace(rule.Event))
            {
                Add($"activities.rules[{r}].event", "The event name is required.");
            }
            if (string.IsNullOrWhiteSpace(rule.Subject))
            {
                Add($"activities.rules[{r}].subject", "The subject template is required (Salesforce activities need a subject).");
            }
            else if (!ActivityTemplate.TryParse(rule.Subject, out _, out var subjectError))
            {
                Add($"activities.rules[{r}].subject", $"The subject template does not parse: {subjectError}");
            }
            if (!string.IsNullOrEmpty(rule.Description) && !ActivityTemplate.TryParse(rule.Description, out _, out var descriptionError))
            {
                Add($"activities.rules[{r}].description", $"The description template does not parse: {descriptionError}");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void ValidatePushFields(IReadOnlyList<PushField> fields, string path, Action<string, string> add)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i].Name))
            {
                add($"{path}[{i}].name", "The attribute or KPI to push is required.");
            }
            else if (!names.Add(fields[i].Name))
            {
                add($"{path}[{i}].name", $"{fields[i].Name} is pushed more than once.");
            }
            if (fields[i].TargetField is { } target && string.IsNullOrWhiteSpace(target))
            {
                add($"{path}[{i}].targetField", "Leave the target field out to create a Rapport field, or name an existing field.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$")]
    private static partial Regex InfixPattern();
}
