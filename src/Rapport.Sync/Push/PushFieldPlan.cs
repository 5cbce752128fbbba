using Rapport.Sync.Connectors;
using Rapport.Sync.Naming;
using Rapport.Sync.Settings;

namespace Rapport.Sync.Push;

/// <summary>
/// The push fields of one profile kind (users or accounts) resolved to CRM field names and types,
/// with the custom fields to create and a fingerprint that changes whenever the mapping does.
/// </summary>
internal sealed class PushFieldPlan
{
    private const int MaxLabelLength = 40;

    private PushFieldPlan(IReadOnlyList<PlannedField> fields, string? infix)
    {
        Fields = fields;
        Specs = fields.Where(f => !f.IsExisting)
            .Select(f => new CrmFieldSpec(f.ApiName, Label(f.Field.Name, infix), f.Type))
            .ToList();
        SpecsHash = Sha256Hex.Of(string.Join('\n', Specs.Select(s => $"{s.ApiName}|{s.Label}|{s.Type}")));
        MappingHash = Sha256Hex.Of(string.Join('\n', fields.Select(f => $"{f.Field.Source}|{f.Field.Name}|{f.ApiName}|{f.Type}")));
    }

    public IReadOnlyList<PlannedField> Fields { get; }

    /// <summary>The custom fields Rapport creates (fields with a target field already exist).</summary>
    public IReadOnlyList<CrmFieldSpec> Specs { get; }

    /// <summary>Fingerprint of <see cref="Specs"/>: field creation is only asked for again when it changes.</summary>
    public string SpecsHash { get; }

    /// <summary>Fingerprint of the whole mapping: when it changes every profile is looked at again.</summary>
    public string MappingHash { get; }

    public bool IsEmpty => Fields.Count == 0;

    public static PushFieldPlan Create(IReadOnlyList<PushField> fields, string? infix)
    {
        var planned = new List<PlannedField>(fields.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            var apiName = string.IsNullOrWhiteSpace(field.TargetField) ? CustomFieldNamer.ApiName(field.Name, infix) : field.TargetField.Trim();
            // Two names that sanitize to the same API name would fight over one field; the first one configured keeps it.
            if (names.Add(apiName))
            {
                planned.Add(new PlannedField(field, apiName, PushValueFormatter.TypeOf(field)));
            }
        }
        return new PushFieldPlan(planned, infix);
    }


    private static string Label(string name, string? infix)
    {
        var label = string.IsNullOrWhiteSpace(infix) ? $"Rapport {name}" : $"Rapport {infix.Trim()} {name}";
        return label.Length <= MaxLabelLength ? label : label[..MaxLabelLength].TrimEnd();
    }
}
