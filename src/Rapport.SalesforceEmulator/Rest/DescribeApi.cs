using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Describe resources: <c>/sobjects</c> (Describe Global), <c>/sobjects/{T}</c> (sObject Basic
/// Information) and <c>/sobjects/{T}/describe</c> (sObject Describe), with the property names of
/// the REST API Developer Guide's example responses. Fields hidden by field-level security are left
/// out, as describe does for the calling user.
/// </summary>
internal static class DescribeApi
{
    public static RestResult Global(RestRequest request, bool tooling) => RestResult.Ok(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("encoding", "UTF-8");
        writer.WriteNumber("maxBatchSize", 200);
        writer.WriteStartArray("sobjects");
        foreach (var definition in request.Services.Store.Objects.Where(o => o.Tooling == tooling || (tooling && o.Name is "User")).OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            WriteObjectSummary(writer, request, definition, tooling);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static RestResult Basic(RestRequest request, ObjectDefinition definition, bool tooling) => RestResult.Ok(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("objectDescribe");
        WriteObjectSummary(writer, request, definition, tooling);
        writer.WriteStartArray("recentItems");
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static RestResult Describe(RestRequest request, ObjectDefinition definition, bool tooling) => RestResult.Ok(writer =>
    {
        writer.WriteStartObject();
        WriteObjectProperties(writer, request, definition, tooling);
        WriteChildRelationships(writer, request, definition);
        writer.WriteStartArray("fields");
        foreach (var field in RecordJson.VisibleFields(request, definition))
        {
            WriteField(writer, field);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("recordTypeInfos");
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteObjectSummary(Utf8JsonWriter writer, RestRequest request, ObjectDefinition definition, bool tooling)
    {
        writer.WriteStartObject();
        WriteObjectProperties(writer, request, definition, tooling);
        writer.WriteEndObject();
    }

    private static void WriteObjectProperties(Utf8JsonWriter writer, RestRequest request, ObjectDefinition definition, bool tooling)
    {
        var basePath = tooling ? $"{request.BasePath}/tooling/sobjects/{definition.Name}" : $"{request.BasePath}/sobjects/{definition.Name}";
        writer.WriteBoolean("activateable", false);
        writer.WriteBoolean("createable", definition.Createable);
        writer.WriteBoolean("custom", definition.Name.EndsWith("__c", StringComparison.Ordinal));
        writer.WriteBoolean("customSetting", false);
        writer.WriteBoolean("deletable", definition.Deletable);
        writer.WriteBoolean("deprecatedAndHidden", false);
        writer.WriteBoolean("feedEnabled", false);
        writer.WriteString("keyPrefix", definition.KeyPrefix);
        writer.WriteString("label", definition.Label);
        writer.WriteString("labelPlural", definition.LabelPlural);
        writer.WriteBoolean("layoutable", !tooling);
        writer.WriteBoolean("mergeable", definition.Name is "Account" or "Contact" or "Lead");
        writer.WriteBoolean("mruEnabled", !tooling);
        writer.WriteString("name", definition.Name);
        writer.WriteBoolean("queryable", true);
        writer.WriteBoolean("replicateable", definition.Replicateable);
        writer.WriteBoolean("retrieveable", true);
        writer.WriteBoolean("searchable", !tooling);
        writer.WriteBoolean("triggerable", !tooling);
        writer.WriteBoolean("undeletable", definition.FindField("IsDeleted") is not null);
        writer.WriteBoolean("updateable", definition.Updateable);
        writer.WriteStartObject("urls");
        writer.WriteString("sobject", basePath);
        writer.WriteString("describe", $"{basePath}/describe");
        writer.WriteString("rowTemplate", $"{basePath}/{{ID}}");
        writer.WriteEndObject();
    }

    private static void WriteChildRelationships(Utf8JsonWriter writer, RestRequest request, ObjectDefinition parent)
    {
        writer.WriteStartArray("childRelationships");
        foreach (var child in request.Services.Store.Objects.Where(o => !o.Tooling))
        {
            foreach (var field in child.Fields.Where(f => f.Type == SalesforceFieldType.Reference && f.ReferenceTo.Contains(parent.Name)))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("cascadeDelete", parent.Name == "Account" && child.Name is "Contact" or "Opportunity" && field.Name == "AccountId");
                writer.WriteString("childSObject", child.Name);
                writer.WriteBoolean("deprecatedAndHidden", false);
                writer.WriteString("field", field.Name);
                var relationship = (child.Name, field.Name) switch
                {
                    ("Contact", "AccountId") => "Contacts",
                    ("Opportunity", "AccountId") => "Opportunities",
                    ("Event", "WhoId" or "WhatId") => "Events",
                    ("Task", "WhoId" or "WhatId") => "Tasks",
                    ("FieldPermissions", "ParentId") => "FieldPerms",
                    ("PermissionSetAssignment", "PermissionSetId") => "Assignments",
                    _ => null,
                };
                if (relationship is null)
                {
                    writer.WriteNull("relationshipName");
                }
                else
                {
                    writer.WriteString("relationshipName", relationship);
                }
                writer.WriteBoolean("restrictedDelete", false);
                writer.WriteEndObject();
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>One entry of <c>fields</c>, with the properties of DescribeSObjectResult's Field type.</summary>
    public static void WriteField(Utf8JsonWriter writer, FieldDefinition field)
    {
        var text = field.IsText || field.Type is SalesforceFieldType.Id or SalesforceFieldType.Reference;
        var longText = field.Type == SalesforceFieldType.TextArea && field.Length > 4000;
        writer.WriteStartObject();
        writer.WriteBoolean("aggregatable", !longText);
        writer.WriteBoolean("autoNumber", false);
        writer.WriteNumber("byteLength", text ? field.Length * 3 : 0);
        writer.WriteBoolean("calculated", field.Calculated);
        writer.WriteBoolean("caseSensitive", field.CaseSensitive);
        writer.WriteBoolean("createable", field.Createable);
        writer.WriteBoolean("custom", field.Custom);
        if (field.Type == SalesforceFieldType.Boolean && field.DefaultedOnCreate)
        {
            writer.WriteBoolean("defaultValue", false);
        }
        else
        {
            writer.WriteNull("defaultValue");
        }
        writer.WriteBoolean("defaultedOnCreate", field.DefaultedOnCreate || field.Type == SalesforceFieldType.Boolean);
        writer.WriteBoolean("dependentPicklist", false);
        writer.WriteNumber("digits", field.Type == SalesforceFieldType.Int ? field.Precision : 0);
        writer.WriteBoolean("externalId", field.ExternalId);
        writer.WriteBoolean("filterable", !longText);
        writer.WriteBoolean("groupable", !longText && field.Type is not (SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent or SalesforceFieldType.DateTime));
        writer.WriteBoolean("htmlFormatted", false);
        writer.WriteBoolean("idLookup", field.IdLookup || field.ExternalId);
        writer.WriteString("label", field.Label);
        writer.WriteNumber("length", text ? field.Length : 0);
        writer.WriteString("name", field.Name);
        writer.WriteBoolean("nameField", field.NameField);
        writer.WriteBoolean("namePointing", field.ReferenceTo.Count > 1);
        writer.WriteBoolean("nillable", field.Nillable);
        writer.WriteBoolean("permissionable", field.Custom || (field.Nillable && field.Createable));
        writer.WriteStartArray("picklistValues");
        foreach (var entry in field.PicklistValues)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("active", true);
            writer.WriteBoolean("defaultValue", entry.DefaultValue);
            writer.WriteString("label", entry.Label);
            writer.WriteNull("validFor");
            writer.WriteString("value", entry.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("polymorphicForeignKey", field.ReferenceTo.Count > 1);
        writer.WriteNumber("precision", field.Type is SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent ? field.Precision : 0);
        writer.WriteStartArray("referenceTo");
        foreach (var target in field.ReferenceTo)
        {
            writer.WriteStringValue(target);
        }
        writer.WriteEndArray();
        if (field.RelationshipName is null)
        {
            writer.WriteNull("relationshipName");
        }
        else
        {
            writer.WriteString("relationshipName", field.RelationshipName);
        }
        writer.WriteBoolean("restrictedPicklist", false);
        writer.WriteNumber("scale", field.Scale);
        writer.WriteString("soapType", field.SoapType);
        writer.WriteBoolean("sortable", !longText);
        writer.WriteString("type", field.TypeName);
        writer.WriteBoolean("unique", field.Unique);
        writer.WriteBoolean("updateable", field.Updateable);
        writer.WriteEndObject();
    }
}
