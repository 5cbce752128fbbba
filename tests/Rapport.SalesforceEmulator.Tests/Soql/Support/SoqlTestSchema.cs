using System.Diagnostics.CodeAnalysis;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Tests.Soql.Support;

/// <summary>A small org schema: Account, Contact, User, Lead and Event (polymorphic WhoId).</summary>
public sealed class SoqlTestSchema : ISoqlSchema
{
    private readonly Dictionary<string, Dictionary<string, SoqlFieldInfo>> _objects = new(StringComparer.OrdinalIgnoreCase);

    public SoqlTestSchema()
    {
        Add("User",
            new("Id", SoqlFieldType.Id),
            new("Name", SoqlFieldType.String),
            new("Email", SoqlFieldType.Email),
            new("IsActive", SoqlFieldType.Boolean));
        Add("Account",
            new("Id", SoqlFieldType.Id),
            new("Name", SoqlFieldType.String),
            new("Industry", SoqlFieldType.Picklist),
            new("AnnualRevenue", SoqlFieldType.Currency),
            Reference("OwnerId", "Owner", "User"),
            new("IsDeleted", SoqlFieldType.Boolean));
        Add("Contact",
            new("Id", SoqlFieldType.Id),
            new("FirstName", SoqlFieldType.String),
            new("LastName", SoqlFieldType.String),
            new("Email", SoqlFieldType.Email),
            new("Phone", SoqlFieldType.Phone),
            new("Description", SoqlFieldType.TextArea),
            new("NumberOfPets__c", SoqlFieldType.Int),
            new("Score__c", SoqlFieldType.Double),
            new("Birthdate", SoqlFieldType.Date),
            new("CreatedDate", SoqlFieldType.DateTime),
            new("SystemModstamp", SoqlFieldType.DateTime),
            new("IsDeleted", SoqlFieldType.Boolean),
            new("HasOptedOutOfEmail", SoqlFieldType.Boolean),
            Reference("AccountId", "Account", "Account"),
            Reference("OwnerId", "Owner", "User"));
        Add("Lead",
            new("Id", SoqlFieldType.Id),
            new("LastName", SoqlFieldType.String),
            new("Company", SoqlFieldType.String));
        Add("Event",
            new("Id", SoqlFieldType.Id),
            new("Subject", SoqlFieldType.String),
            Reference("WhoId", "Who", "Contact", "Lead"));
    }

    public static SoqlFieldInfo Reference(string name, string relationship, params string[] targets) =>
        new(name, SoqlFieldType.Reference) { RelationshipName = relationship, ReferenceTo = targets };

    public void Add(string objectName, params SoqlFieldInfo[] fields)
    {
        var map = new Dictionary<string, SoqlFieldInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            map[field.Name] = field;
        }
        _objects[objectName] = map;
    }

    public bool TryGetObject(string name, [NotNullWhen(true)] out string? canonicalName)
    {
        canonicalName = _objects.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return canonicalName is not null;
    }

    public bool TryGetField(string objectName, string fieldName, [NotNullWhen(true)] out SoqlFieldInfo? field)
    {
        field = null;
        return _objects.TryGetValue(objectName, out var fields) && fields.TryGetValue(fieldName, out field);
    }

    public bool TryGetRelationship(string objectName, string relationshipName, [NotNullWhen(true)] out SoqlFieldInfo? referenceField)
    {
        referenceField = _objects.TryGetValue(objectName, out var fields)
            ? fields.Values.FirstOrDefault(f => string.Equals(f.RelationshipName, relationshipName, StringComparison.OrdinalIgnoreCase))
            : null;
        return referenceField is not null;
    }
}
