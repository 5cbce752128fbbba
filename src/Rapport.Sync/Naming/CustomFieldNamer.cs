using System.Text;

namespace Rapport.Sync.Naming;

/// <summary>
/// Salesforce API names for the custom fields Rapport creates: <c>Rapport_&lt;Name&gt;__c</c>, or
/// <c>Rapport_&lt;infix&gt;_&lt;Name&gt;__c</c> with a dataset infix (seed 000's "dataset infix").
/// Salesforce's rules for a field name: letters, digits and underscores, starting with a letter,
/// no two underscores in a row, not ending with an underscore, at most 40 characters before
/// <c>__c</c>.
/// </summary>
public static class CustomFieldNamer
{
    public const int MaxNameLength = 40;
    private const string Prefix = "Rapport";

    /// <summary>The API name for an attribute or KPI, e.g. <c>lastActivity</c> → <c>Rapport_LastActivity__c</c>.</summary>
    public static string ApiName(string attribute, string? infix = null)
    {
        var parts = new List<string> { Prefix };
        if (!string.IsNullOrWhiteSpace(infix))
        {
            parts.Add(Sanitize(infix));
        }
        parts.Add(Sanitize(attribute));
        var name = string.Join('_', parts.Where(p => p.Length > 0));
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength].TrimEnd('_');
        }
        return name + "__c";
    }

    /// <summary>Letters and digits kept, words capitalised, everything else a single underscore.</summary>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        var upperNext = true;
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Accents dropped: "Société" becomes "Societe".
            }
            else
            {
                if (builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }
                upperNext = true;
            }
        }
        var result = builder.ToString().Trim('_');
        if (result.Length > 0 && !char.IsAsciiLetter(result[0]))
        {
            result = "F" + result;
        }
        return result;
    }
}
