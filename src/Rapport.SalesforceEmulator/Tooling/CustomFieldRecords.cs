using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Tooling;

/// <summary>The <c>CustomField</c> Tooling records that describe custom fields, and their Metadata rendering.</summary>
internal static class CustomFieldRecords
{
    /// <summary>Records a created field; <paramref name="tableName"/> is "Activity" for a field that Task and Event share.</summary>
    public static SaveOutcome Insert(OrgStore store, ObjectDefinition target, FieldDefinition field, string userId, string? tableName = null)
    {
        tableName ??= target.Name;
        var table = store.FindTable("CustomField")!;
        var values = new Dictionary<string, object?>
        {
            ["DeveloperName"] = field.Name[..^3],
            ["TableEnumOrId"] = tableName,
            ["FullName"] = $"{tableName}.{field.Name}",
            ["ManageableState"] = "unmanaged",
            ["Length"] = field.Length == 0 ? null : field.Length,
        };
        return store.Write(w => w.Insert(table, values, userId, WriteMode.System));
    }

    /// <summary>The Metadata API CustomField shape: type, label, length, precision, scale, externalId…</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, FieldDefinition field)
    {
        writer.WriteStartObject();
        writer.WriteString("type", MetadataType(field));
        writer.WriteString("label", field.Label);
        writer.WriteBoolean("externalId", field.ExternalId);
        writer.WriteBoolean("unique", field.Unique);
        writer.WriteBoolean("caseSensitive", field.CaseSensitive);
        writer.WriteBoolean("required", !field.Nillable && field.Type != SalesforceFieldType.Boolean);
        if (field.IsText && field.Type != SalesforceFieldType.Picklist)
        {
            writer.WriteNumber("length", field.Length);
        }
        else
        {
            writer.WriteNull("length");
        }
        if (field.Type is SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent)
        {
            writer.WriteNumber("precision", field.Precision);
            writer.WriteNumber("scale", field.Scale);
        }
        else
        {
            writer.WriteNull("precision");
            writer.WriteNull("scale");
        }
        if (field.PicklistValues.Count > 0)
        {
            writer.WriteStartObject("valueSet");
            writer.WriteStartObject("valueSetDefinition");
            writer.WriteStartArray("value");
            foreach (var entry in field.PicklistValues)
            {
                writer.WriteStartObject();
                writer.WriteString("fullName", entry.Value);
                writer.WriteString("label", entry.Label);
                writer.WriteBoolean("default", entry.DefaultValue);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>The Metadata API type name of a custom field.</summary>
    public static string MetadataType(FieldDefinition field) => field.Type switch
    {
        SalesforceFieldType.String => "Text",
        SalesforceFieldType.TextArea => field.Length > 255 ? "LongTextArea" : "TextArea",
        SalesforceFieldType.Double => "Number",
        SalesforceFieldType.Boolean => "Checkbox",
        _ => field.Type.ToString(),
    };
}
