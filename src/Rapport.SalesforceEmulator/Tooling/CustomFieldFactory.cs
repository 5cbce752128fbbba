using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Tooling;

/// <summary>
/// Turns a Tooling API <c>CustomField</c> create body (<c>FullName</c> plus <c>Metadata</c> as in
/// the Metadata API's CustomField type) into a field definition, applying the Metadata API's rules
/// for names, lengths and number precision.
/// </summary>
internal static partial class CustomFieldFactory
{
    /// <summary>
    /// Reads a CustomField create body. <paramref name="fullNameOverride"/> replaces its FullName, so an
    /// Activity field can be built once for Task and once for Event.
    /// </summary>
    public static bool TryCreate(OrgStore store, JsonElement body, out ObjectDefinition? target, out FieldDefinition? field, out SalesforceError? error,
        string? fullNameOverride = null)
    {
        target = null;
        field = null;
        error = null;
        var fullName = fullNameOverride ?? (body.TryGetProperty("FullName", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null);
        if (!body.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            error = new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Metadata]", ["Metadata"]);
            return false;
        }
        fullName ??= metadata.TryGetProperty("fullName", out var mf) && mf.ValueKind == JsonValueKind.String ? mf.GetString() : null;
        if (string.IsNullOrEmpty(fullName))
        {
            error = new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [FullName]", ["FullName"]);
            return false;
        }
        var dot = fullName.IndexOf('.', StringComparison.Ordinal);
        target = dot > 0 ? store.FindObject(fullName[..dot]) : null;
        if (target is null || target.Tooling || target.Name is "User" or "Profile" or "PermissionSet" or "PermissionSetAssignment" or "FieldPermissions")
        {
            error = new SalesforceError("FIELD_INTEGRITY_EXCEPTION", $"Must specify a valid entity for the custom field: {fullName}", ["FullName"]);
            return false;
        }
        var apiName = fullName[(dot + 1)..];
        if (!apiName.EndsWith("__c", StringComparison.Ordinal) || !DeveloperName().IsMatch(apiName[..^3]))
        {
            error = new SalesforceError("FIELD_INTEGRITY_EXCEPTION",
                $"The field name {apiName} is not valid: it must end in __c, begin with a letter, use only letters, numbers and single underscores, not end with an underscore and be at most 40 characters before __c.", ["FullName"]);
            return false;
        }
        if (target.FindField(apiName) is not null)
        {
            error = new SalesforceError("DUPLICATE_DEVELOPER_NAME", $"There is already a field named {apiName[..^3]} on {target.Name}.", ["FullName"]);
            return false;
        }
        var label = Text(metadata, "label");
        if (string.IsNullOrWhiteSpace(label))
        {
            error = new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Label]", ["Label"]);
            return false;
        }
        var typeName = Text(metadata, "type");
        var externalId = Flag(metadata, "externalId");
        var unique = Flag(metadata, "unique");
        var caseSensitive = Flag(metadata, "caseSensitive");
        var length = Number(metadata, "length");
        var precision = Number(metadata, "precision");
        var scale = Number(metadata, "scale") ?? 0;
        SalesforceFieldType type;
        var fieldLength = 0;
        List<PicklistEntry> picklist = [];
        switch (typeName)
        {
            case "Text":
                type = SalesforceFieldType.String;
                if (length is not (>= 1 and <= 255))
                {
                    error = Invalid("Length", "Text fields need a length from 1 to 255");
                    return false;
                }
                fieldLength = length.Value;
                break;
            case "Email" or "Phone" or "Url":
                type = typeName == "Email" ? SalesforceFieldType.Email : typeName == "Phone" ? SalesforceFieldType.Phone : SalesforceFieldType.Url;
                fieldLength = typeName == "Email" ? 80 : typeName == "Phone" ? 40 : 255;
                break;
            case "TextArea":
                type = SalesforceFieldType.TextArea;
                fieldLength = 255;
                break;
            case "LongTextArea":
                type = SalesforceFieldType.TextArea;
                if (length is not (>= 256 and <= 131072))
                {
                    error = Invalid("Length", "Long text area fields need a length from 256 to 131072");
                    return false;
                }
                fieldLength = length.Value;
                break;
            case "Number" or "Currency" or "Percent":
                type = typeName == "Number" ? SalesforceFieldType.Double : typeName == "Currency" ? SalesforceFieldType.Currency : SalesforceFieldType.Percent;
                if (precision is not (>= 1 and <= 18) || scale < 0 || scale > precision)
                {
                    error = Invalid("Precision", "Number fields need a precision from 1 to 18 and a scale from 0 to the precision");
                    return false;
                }
                break;
            case "Checkbox":
                type = SalesforceFieldType.Boolean;
                break;
            case "Date":
                type = SalesforceFieldType.Date;
                break;
            case "DateTime":
                type = SalesforceFieldType.DateTime;
                break;
            case "Picklist":
                type = SalesforceFieldType.Picklist;
                fieldLength = 255;
                picklist = PicklistValues(metadata);
                if (picklist.Count == 0)
                {
                    error = Invalid("ValueSet", "Picklist fields need at least one value");
                    return false;
                }
                break;
            default:
                error = Invalid("Type", $"Unsupported custom field type: {typeName ?? "(none)"}");
                return false;
        }
        if (externalId && type is not (SalesforceFieldType.String or SalesforceFieldType.Email or SalesforceFieldType.Double))
        {
            error = Invalid("ExternalId", "Only text, number and email fields can be external ids");
            return false;
        }
        field = new FieldDefinition
        {
            Name = apiName,
            Label = label,
            Type = type,
            Length = fieldLength,
            Precision = type is SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent ? precision!.Value : 0,
            Scale = type is SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent ? scale : 0,
            Custom = true,
            Nillable = type != SalesforceFieldType.Boolean,
            DefaultedOnCreate = type == SalesforceFieldType.Boolean,
            ExternalId = externalId,
            Unique = unique,
            CaseSensitive = caseSensitive,
            PicklistValues = picklist,
            RequiresFieldPermission = true,
        };
        return true;
    }

    private static SalesforceError Invalid(string field, string message) => new("FIELD_INTEGRITY_EXCEPTION", message, [field]);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    // Metadata API: valueSet.valueSetDefinition.value[] (API 38+) or the older picklist.picklistValues[].
    private static List<PicklistEntry> PicklistValues(JsonElement metadata)
    {
        var result = new List<PicklistEntry>();
        JsonElement values = default;
        var found = (metadata.TryGetProperty("valueSet", out var valueSet) && valueSet.TryGetProperty("valueSetDefinition", out var definition) && definition.TryGetProperty("value", out values))
            || (metadata.TryGetProperty("picklist", out var picklist) && picklist.TryGetProperty("picklistValues", out values));
        if (!found || values.ValueKind != JsonValueKind.Array)
        {
            return result;
        }
        foreach (var value in values.EnumerateArray())
        {
            var name = Text(value, "fullName") ?? Text(value, "valueName");
            if (name is not null)
            {
                result.Add(new PicklistEntry(name, Text(value, "label") ?? name, Flag(value, "default")));
            }
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z](?!.*__)[A-Za-z0-9_]{0,39}(?<!_)$")]
    private static partial Regex DeveloperName();
}
