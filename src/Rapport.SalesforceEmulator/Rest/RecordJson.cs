using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>Writes stored records as REST JSON: <c>{"attributes":{"type","url"}, fields…}</c>.</summary>
internal static class RecordJson
{
    public static void WriteAttributes(Utf8JsonWriter writer, string basePath, string type, string? id)
    {
        writer.WriteStartObject("attributes");
        writer.WriteString("type", type);
        if (id is not null)
        {
            writer.WriteString("url", $"{basePath}/sobjects/{type}/{id}");
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a record with the given fields (all readable fields when null).</summary>
    public static void Write(Utf8JsonWriter writer, RestRequest request, ObjectDefinition definition, object?[] row, IReadOnlyList<FieldDefinition>? fields = null)
    {
        writer.WriteStartObject();
        WriteAttributes(writer, request.BasePath, definition.Name, Rows.Id(row));
        foreach (var field in fields ?? VisibleFields(request, definition))
        {
            writer.WritePropertyName(field.Name);
            FieldValues.Write(writer, Rows.Get(row, field));
        }
        writer.WriteEndObject();
    }

    public static List<FieldDefinition> VisibleFields(RestRequest request, ObjectDefinition definition) =>
        [.. definition.Fields.Where(f => request.Services.Access.CanRead(request.Session, definition, f))];

    /// <summary>
    /// Resolves a <c>?fields=</c> list; an unknown field is 400 INVALID_FIELD
    /// ("No such column 'X' on entity 'Contact'"), as the record resource answers.
    /// </summary>
    public static bool TryResolveFields(RestRequest request, ObjectDefinition definition, string? list, out List<FieldDefinition> fields, out RestResult? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(list))
        {
            fields = VisibleFields(request, definition);
            return true;
        }
        fields = [];
        foreach (var name in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var field = definition.FindField(name);
            if (field is null || !request.Services.Access.CanRead(request.Session, definition, field))
            {
                error = RestResult.Error(400, "INVALID_FIELD",
                    $"No such column '{name}' on entity '{definition.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
                return false;
            }
            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }
        return true;
    }

    /// <summary>A save result as the single-record create returns it: <c>{"id","success","errors"}</c>.</summary>
    public static void WriteSaveResult(Utf8JsonWriter writer, SaveOutcome outcome, bool? created = null, bool errorsAsStatusCode = true)
    {
        writer.WriteStartObject();
        if (outcome.Id is not null)
        {
            writer.WriteString("id", outcome.Id);
        }
        writer.WriteBoolean("success", outcome.Success);
        writer.WriteStartArray("errors");
        foreach (var error in outcome.Errors)
        {
            writer.WriteStartObject();
            writer.WriteString(errorsAsStatusCode ? "statusCode" : "errorCode", error.ErrorCode);
            writer.WriteString("message", error.Message);
            writer.WriteStartArray("fields");
            foreach (var field in error.Fields)
            {
                writer.WriteStringValue(field);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (created is { } c)
        {
            writer.WriteBoolean("created", c);
        }
        writer.WriteEndObject();
    }
}
