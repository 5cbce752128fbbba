using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Turns a JSON record body into stored-form values, rejecting what Salesforce rejects before a
/// save: unknown or hidden fields (INVALID_FIELD), fields the caller may not set
/// (INVALID_FIELD_FOR_INSERT_UPDATE) and values of the wrong JSON type (JSON_PARSER_ERROR).
/// </summary>
internal static class RecordInput
{
    public sealed record Result(Dictionary<string, object?> Values, SalesforceError? Error)
    {
        /// <summary>JSON_PARSER_ERROR fails a whole request rather than one record.</summary>
        public bool IsParseError => Error?.ErrorCode == "JSON_PARSER_ERROR";
    }

    public static Result Read(RestRequest request, ObjectDefinition definition, JsonElement body, bool create, string? skipField = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return new(values, new SalesforceError("JSON_PARSER_ERROR", $"Cannot deserialize instance of {definition.Name} from {(body.ValueKind == JsonValueKind.Array ? "START_ARRAY" : "VALUE_STRING")} value"));
        }
        var denied = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("attributes") || (skipField is not null && property.Name.Equals(skipField, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var field = definition.FindField(property.Name);
            if (field is null || !request.Services.Access.CanRead(request.Session, definition, field))
            {
                return new(values, new SalesforceError("INVALID_FIELD", $"No such column '{property.Name}' on sobject of type {definition.Name}", [property.Name]));
            }
            if (field.Ordinal == 0)
            {
                // Collections updates carry the Id in the body; it selects the record and is not a change.
                continue;
            }
            if (!(create ? field.Createable : field.Updateable) || !request.Services.Access.CanEdit(request.Session, definition, field))
            {
                denied.Add(field.Name);
                continue;
            }
            if (!FieldValues.TryFromJson(field, property.Value, out var value, out var problem))
            {
                return new(values, new SalesforceError("JSON_PARSER_ERROR", $"{problem} at [line:1, column:1]", [field.Name]));
            }
            values[field.Name] = value;
        }
        if (denied.Count > 0)
        {
            return new(values, new SalesforceError(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to create/update fields: {string.Join(", ", denied)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                denied));
        }
        return new(values, null);
    }
}
