using System.Text;
using Rapport.Sync.Push;
using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>Converts between <see cref="PushSettings"/> and the Push page's checkboxes.</summary>
public static class PushForm
{
    /// <summary>
    /// The form showing <paramref name="push"/>, offering every KPI, a count per event name, and the
    /// given attributes besides what is already pushed.
    /// </summary>
    public static PushFormInput From(PushSettings push, IReadOnlyList<string> userAttributes, IReadOnlyList<string> accountAttributes, IReadOnlyList<string> eventNames) => new()
    {
        UserFields = Choices(push.UserFields, userAttributes, eventNames),
        AccountFields = Choices(push.AccountFields, accountAttributes, eventNames),
        Infix = push.Infix,
        CreateLeads = push.CreateLeads.Enabled,
        OwnerAttribute = push.CreateLeads.OwnerAttribute,
        CompanyAttribute = push.CreateLeads.CompanyAttribute,
        UserMapping = string.Join('\n', push.CreateLeads.UserMapping.Select(p => $"{p.Key} = {p.Value}")),
    };

    /// <summary>
    /// The settings the posted form describes, on top of <paramref name="basis"/>: a field that stays
    /// checked keeps its type and target field. A typed new attribute is appended as checked, both to
    /// the settings and to <paramref name="input"/>'s checkboxes so the validator's index finds it.
    /// </summary>
    public static (PushSettings Settings, Dictionary<string, string[]> Errors) ToSettings(PushFormInput input, PushSettings basis)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var infix = string.IsNullOrWhiteSpace(input.Infix) ? null : input.Infix.Trim();
        var userFields = Selected(input.UserFields, input.NewUserAttribute, basis.UserFields);
        var accountFields = Selected(input.AccountFields, input.NewAccountAttribute, basis.AccountFields);
        // The typed names are checkboxes now; left in their boxes they would be added again on the next post.
        input.NewUserAttribute = input.NewAccountAttribute = null;
        var settings = basis with
        {
            UserFields = userFields,
            AccountFields = accountFields,
            Infix = infix,
            CreateLeads = basis.CreateLeads with
            {
                Enabled = input.CreateLeads,
                OwnerAttribute = string.IsNullOrWhiteSpace(input.OwnerAttribute) ? basis.CreateLeads.OwnerAttribute : input.OwnerAttribute.Trim(),
                CompanyAttribute = string.IsNullOrWhiteSpace(input.CompanyAttribute) ? basis.CreateLeads.CompanyAttribute : input.CompanyAttribute.Trim(),
                UserMapping = UserMapping(input.UserMapping, errors),
            },
        };
        return (settings, errors);
    }

    /// <summary>A string usable in an element id for an attribute or KPI name.</summary>
    public static string IdOf(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return id.ToString();
    }

    /// <summary>How the page names a KPI: its label, or "Count of X events" for <c>events.X</c>.</summary>
    public static string KpiLabel(string name)
        => PushKpi.All.FirstOrDefault(k => k.Name == name)?.Label
            ?? (name.StartsWith(PushKpi.EventsPrefix, StringComparison.Ordinal) ? $"Count of {name[PushKpi.EventsPrefix.Length..]} events" : name);

    private static List<PushChoiceInput> Choices(IReadOnlyList<PushField> pushed, IReadOnlyList<string> attributes, IReadOnlyList<string> eventNames)
    {
        var choices = new List<PushChoiceInput>();
        void Offer(string name, PushValueSource source)
        {
            if (!choices.Any(c => c.Source == source && c.Name == name))
            {
                choices.Add(new PushChoiceInput { Name = name, Source = source, Selected = pushed.Any(f => f.Source == source && f.Name == name) });
            }
        }
        foreach (var kpi in PushKpi.All)
        {
            Offer(kpi.Name, PushValueSource.Kpi);
        }
        foreach (var field in pushed.Where(f => f.Source == PushValueSource.Kpi))
        {
            Offer(field.Name, PushValueSource.Kpi);
        }
        foreach (var eventName in eventNames)
        {
            Offer(PushKpi.EventsPrefix + eventName, PushValueSource.Kpi);
        }
        foreach (var name in attributes.Concat(pushed.Where(f => f.Source == PushValueSource.Attribute).Select(f => f.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Offer(name, PushValueSource.Attribute);
        }
        return choices;
    }

    private static List<PushField> Selected(List<PushChoiceInput> choices, string? newAttribute, IReadOnlyList<PushField> basis)
    {
        if (!string.IsNullOrWhiteSpace(newAttribute))
        {
            var name = newAttribute.Trim();
            if (choices.FirstOrDefault(c => c.Source == PushValueSource.Attribute && c.Name == name) is { } offered)
            {
                offered.Selected = true;
            }
            else
            {
                choices.Add(new PushChoiceInput { Name = name, Source = PushValueSource.Attribute, Selected = true });
            }
        }
        return choices.Where(c => c.Selected)
            .Select(c => basis.FirstOrDefault(f => f.Source == c.Source && f.Name == c.Name) ?? new PushField { Name = c.Name?.Trim() ?? "", Source = c.Source })
            .ToList();
    }

    private static Dictionary<string, string> UserMapping(string? text, Dictionary<string, string[]> errors)
    {
        var mapping = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                errors["push.createLeads.userMapping"] = [$"Line {i + 1} (\"{lines[i]}\") is not \"owner email = Salesforce user id\"."];
                continue;
            }
            mapping[parts[0]] = parts[1];
        }
        return mapping;
    }
}
