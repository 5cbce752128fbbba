namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Shorthand constructors for field definitions with the describe properties Salesforce reports
/// for each kind of standard field (lengths and flags from the Object Reference).
/// </summary>
internal static class Fields
{
    public static FieldDefinition Id() => new()
    {
        Name = "Id", Label = "Record ID", Type = SalesforceFieldType.Id, Length = 18,
        Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true, IdLookup = true,
    };

    public static FieldDefinition Text(string name, string label, int length, bool required = false) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.String, Length = length, Nillable = !required,
    };

    public static FieldDefinition Email(string name = "Email", string label = "Email") => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Email, Length = 80, IdLookup = true,
    };

    public static FieldDefinition Phone(string name, string label) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Phone, Length = 40,
    };

    public static FieldDefinition Url(string name, string label) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Url, Length = 255,
    };

    public static FieldDefinition TextArea(string name, string label, int length = 32000) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.TextArea, Length = length,
    };

    public static FieldDefinition Picklist(string name, string label, params string[] values) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Picklist, Length = 255,
        PicklistValues = [.. values.Select(v => new PicklistEntry(v, v))],
    };

    /// <summary>A required picklist that Salesforce fills with its default entry when a create omits it.</summary>
    public static FieldDefinition DefaultedPicklist(string name, string label, string defaultValue, params string[] values) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Picklist, Length = 255, Nillable = false, DefaultedOnCreate = true,
        PicklistValues = [.. values.Select(v => new PicklistEntry(v, v, v == defaultValue))],
    };

    public static FieldDefinition Checkbox(string name, string label, bool createable = true, bool updateable = true) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Boolean, Nillable = false, DefaultedOnCreate = true,
        Createable = createable, Updateable = updateable,
    };

    public static FieldDefinition Integer(string name, string label, int digits = 8) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Int, Precision = digits,
    };

    public static FieldDefinition Currency(string name, string label) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Currency, Precision = 18, Scale = 2,
    };

    public static FieldDefinition Percent(string name, string label) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Percent, Precision = 3, Scale = 0,
    };

    public static FieldDefinition Date(string name, string label, bool writable = true) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Date, Createable = writable, Updateable = writable,
    };

    public static FieldDefinition DateTime(string name, string label, bool writable = true) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.DateTime, Createable = writable, Updateable = writable,
    };

    public static FieldDefinition Lookup(string name, string label, string relationshipName, params string[] referenceTo) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Reference, Length = 18,
        ReferenceTo = referenceTo, RelationshipName = relationshipName,
    };

    /// <summary>A lookup the platform maintains (converted-lead links, derived AccountId on activities).</summary>
    public static FieldDefinition ReadOnlyLookup(string name, string label, string relationshipName, params string[] referenceTo) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Reference, Length = 18,
        ReferenceTo = referenceTo, RelationshipName = relationshipName, Createable = false, Updateable = false,
    };

    /// <summary>The compound "Name" of people objects, computed from FirstName and LastName.</summary>
    public static FieldDefinition PersonName() => new()
    {
        Name = "Name", Label = "Full Name", Type = SalesforceFieldType.String, Length = 121,
        Createable = false, Updateable = false, Calculated = false, NameField = true,
    };

    /// <summary>OwnerId: defaulted to the calling user on create, as Salesforce does.</summary>
    public static FieldDefinition Owner() => new()
    {
        Name = "OwnerId", Label = "Owner ID", Type = SalesforceFieldType.Reference, Length = 18, Nillable = false,
        DefaultedOnCreate = true, ReferenceTo = ["User"], RelationshipName = "Owner",
    };

    /// <summary>IsDeleted plus the audit fields every replicateable object carries (System Fields, Object Reference).</summary>
    public static IEnumerable<FieldDefinition> System(bool isDeleted = true)
    {
        if (isDeleted)
        {
            yield return new FieldDefinition
            {
                Name = "IsDeleted", Label = "Deleted", Type = SalesforceFieldType.Boolean, Nillable = false,
                DefaultedOnCreate = true, Createable = false, Updateable = false,
            };
        }
        yield return Audit("CreatedDate", "Created Date", SalesforceFieldType.DateTime);
        yield return AuditUser("CreatedById", "Created By ID", "CreatedBy");
        yield return Audit("LastModifiedDate", "Last Modified Date", SalesforceFieldType.DateTime);
        yield return AuditUser("LastModifiedById", "Last Modified By ID", "LastModifiedBy");
        yield return Audit("SystemModstamp", "System Modstamp", SalesforceFieldType.DateTime);
    }

    private static FieldDefinition Audit(string name, string label, SalesforceFieldType type) => new()
    {
        Name = name, Label = label, Type = type, Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false,
    };

    private static FieldDefinition AuditUser(string name, string label, string relationshipName) => new()
    {
        Name = name, Label = label, Type = SalesforceFieldType.Reference, Length = 18, Nillable = false,
        DefaultedOnCreate = true, Createable = false, Updateable = false, ReferenceTo = ["User"], RelationshipName = relationshipName,
    };
}
