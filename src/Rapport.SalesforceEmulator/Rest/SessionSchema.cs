using System.Diagnostics.CodeAnalysis;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// The org's schema as one user sees it through one API: data objects for <c>/query</c>, Tooling
/// objects for <c>/tooling/query</c>, and only the fields field-level security lets the user read,
/// so a query naming a hidden custom field fails with INVALID_FIELD "No such column" as in a real org.
/// </summary>
internal sealed class SessionSchema(EmulatorServices services, IEmulatorSession session, bool tooling) : ISoqlSchema
{
    public bool TryGetObject(string name, [NotNullWhen(true)] out string? canonicalName)
    {
        var definition = services.Store.FindObject(name);
        // User is queryable from both APIs (Tooling queries often join to it).
        canonicalName = definition is not null && (definition.Tooling == tooling || definition.Name == "User") ? definition.Name : null;
        return canonicalName is not null;
    }

    public bool TryGetField(string objectName, string fieldName, [NotNullWhen(true)] out SoqlFieldInfo? field)
    {
        field = null;
        if (services.Store.FindObject(objectName) is not { } definition || definition.FindField(fieldName) is not { } found
            || !services.Access.CanRead(session, definition, found))
        {
            return false;
        }
        field = ToSoql(found);
        return true;
    }

    public bool TryGetRelationship(string objectName, string relationshipName, [NotNullWhen(true)] out SoqlFieldInfo? referenceField)
    {
        referenceField = null;
        if (services.Store.FindObject(objectName) is not { } definition)
        {
            return false;
        }
        foreach (var field in definition.Fields)
        {
            if (field.RelationshipName is not null && string.Equals(field.RelationshipName, relationshipName, StringComparison.OrdinalIgnoreCase)
                && services.Access.CanRead(session, definition, field))
            {
                referenceField = ToSoql(field);
                return true;
            }
        }
        return false;
    }

    private static SoqlFieldInfo ToSoql(FieldDefinition field) => new(field.Name, field.Type switch
    {
        SalesforceFieldType.Id => SoqlFieldType.Id,
        SalesforceFieldType.String => SoqlFieldType.String,
        SalesforceFieldType.Email => SoqlFieldType.Email,
        SalesforceFieldType.Phone => SoqlFieldType.Phone,
        SalesforceFieldType.Url => SoqlFieldType.Url,
        SalesforceFieldType.TextArea => SoqlFieldType.TextArea,
        SalesforceFieldType.Picklist => SoqlFieldType.Picklist,
        SalesforceFieldType.Boolean => SoqlFieldType.Boolean,
        SalesforceFieldType.Int => SoqlFieldType.Int,
        SalesforceFieldType.Double => SoqlFieldType.Double,
        SalesforceFieldType.Currency => SoqlFieldType.Currency,
        SalesforceFieldType.Percent => SoqlFieldType.Percent,
        SalesforceFieldType.Date => SoqlFieldType.Date,
        SalesforceFieldType.DateTime => SoqlFieldType.DateTime,
        _ => SoqlFieldType.Reference,
    })
    {
        RelationshipName = field.RelationshipName,
        ReferenceTo = field.ReferenceTo,
        // Rows are object[] by field ordinal; RecordView reads them directly (ISoqlRow).
        Ordinal = field.Ordinal,
    };
}
