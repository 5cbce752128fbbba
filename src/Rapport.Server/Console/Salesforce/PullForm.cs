using System.Globalization;
using Rapport.Sync.Matching;
using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>
/// Converts between <see cref="PullSettings"/> and what the Pull page posts. The indices of record
/// types and mappings stay those of the settings document, so the validator's messages (keyed by
/// JSON path) land next to the control they are about.
/// </summary>
public static class PullForm
{
    /// <summary>The form showing <paramref name="pull"/>.</summary>
    public static PullFormInput From(PullSettings pull) => new()
    {
        RecordTypes = pull.RecordTypes.Select(t => new RecordTypeInput
        {
            ObjectType = t.ObjectType,
            Kind = t.Kind,
            Enabled = t.Enabled,
            CreatedWithinDays = t.CreatedWithinDays?.ToString(CultureInfo.InvariantCulture),
            ModifiedWithinDays = t.ModifiedWithinDays?.ToString(CultureInfo.InvariantCulture),
            Mappings = t.Mappings.Select(m => new MappingInput
            {
                Field = m.Field,
                Attribute = m.Attribute,
                Match = t.MatchFields.Any(f => f.CrmField == m.Field && f.ProfileAttribute == m.Attribute),
            }).ToList(),
        }).ToList(),
        OnlyDesignatedMatchFields = pull.OnlyDesignatedMatchFields,
        AccountIdsFromContacts = pull.AccountIdsFromContacts,
        CreateMissing = pull.Mode == PullMode.CreateMissing,
    };

    /// <summary>
    /// The settings the posted form describes, on top of <paramref name="basis"/> (what the form does
    /// not show is kept). Applies the pressed button: a removed row leaves <paramref name="input"/>
    /// too, so a re-shown form keeps its indices. Days that are not whole numbers are reported here,
    /// keyed like the validator's messages.
    /// </summary>
    public static (PullSettings Settings, Dictionary<string, string[]> Errors) ToSettings(PullFormInput input, PullSettings basis)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (command, typeIndex, rowIndex) = ParseCommand(input.Command);
        var types = new List<RecordTypeSettings>(input.RecordTypes.Count);
        for (var i = 0; i < input.RecordTypes.Count; i++)
        {
            var posted = input.RecordTypes[i];
            var path = $"pull.recordTypes[{i}]";
            var original = basis.RecordTypes.FirstOrDefault(t => string.Equals(t.ObjectType, posted.ObjectType?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? basis.RecordTypes.ElementAtOrDefault(i);
            if (command == "remove" && typeIndex == i && rowIndex >= 0 && rowIndex < posted.Mappings.Count)
            {
                posted.Mappings.RemoveAt(rowIndex);
            }
            var rows = posted.Mappings
                .Select(m => (Mapping: new FieldMapping(m.Field?.Trim() ?? "", m.Attribute?.Trim() ?? ""), m.Match))
                .ToList();
            // The new row counts when Add was pressed, or when Save was pressed with something typed into it.
            var newField = posted.NewField?.Trim() ?? "";
            var newAttribute = posted.NewAttribute?.Trim() ?? "";
            if ((command == "add" && typeIndex == i) || newField.Length > 0 || newAttribute.Length > 0)
            {
                rows.Add((new FieldMapping(newField, newAttribute), posted.NewMatch));
            }
            // Match fields that belong to no mapping (set through the API) are kept; the others follow the checkboxes.
            var originalMappings = original?.Mappings ?? [];
            var unmappedMatchFields = (original?.MatchFields ?? [])
                .Where(f => !originalMappings.Any(m => m.Field == f.CrmField && m.Attribute == f.ProfileAttribute));
            types.Add(new RecordTypeSettings
            {
                ObjectType = posted.ObjectType?.Trim() ?? "",
                Kind = posted.Kind,
                Enabled = posted.Enabled,
                CreatedWithinDays = Days(posted.CreatedWithinDays, path + ".createdWithinDays", errors),
                ModifiedWithinDays = Days(posted.ModifiedWithinDays, path + ".modifiedWithinDays", errors),
                Mappings = rows.Select(r => r.Mapping).ToList(),
                MatchFields = rows.Where(r => r.Match).Select(r => new MatchField(r.Mapping.Field, r.Mapping.Attribute)).Concat(unmappedMatchFields).ToList(),
            });
        }
        var settings = basis with
        {
            RecordTypes = types,
            OnlyDesignatedMatchFields = input.OnlyDesignatedMatchFields,
            AccountIdsFromContacts = input.AccountIdsFromContacts,
            Mode = input.CreateMissing ? PullMode.CreateMissing : PullMode.UpdateMatchedOnly,
        };
        return (settings, errors);
    }

    private static int? Days(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            // Zero and negative numbers are the validator's to report, with the API's wording.
            return days;
        }
        errors[key] = [$"\"{text.Trim()}\" is not a whole number of days; leave it empty to pull records of any age."];
        return null;
    }

    private static (string Command, int Type, int Row) ParseCommand(string? command)
    {
        var parts = (command ?? "save").Split(':');
        var type = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
        var row = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : -1;
        return (parts[0], type, row);
    }
}
