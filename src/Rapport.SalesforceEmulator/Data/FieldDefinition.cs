namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// One field of an sObject, carrying the properties the describe resource reports
/// (REST API Developer Guide, "sObject Describe") and the rules the store enforces on writes.
/// </summary>
public sealed class FieldDefinition
{
    /// <summary>API name, e.g. <c>LastName</c> or <c>Rapport_Score__c</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Label shown in the UI.</summary>
    public required string Label { get; init; }

    /// <summary>Data type.</summary>
    public required SalesforceFieldType Type { get; init; }

    /// <summary>Maximum length in characters for text types, 0 otherwise.</summary>
    public int Length { get; init; }

    /// <summary>Total digits for number types.</summary>
    public int Precision { get; init; }

    /// <summary>Digits right of the decimal point for number types.</summary>
    public int Scale { get; init; }

    /// <summary>Whether this is a custom field (API name ends with <c>__c</c>).</summary>
    public bool Custom { get; init; }

    /// <summary>Whether the field can be set on create.</summary>
    public bool Createable { get; init; } = true;

    /// <summary>Whether the field can be changed on update.</summary>
    public bool Updateable { get; init; } = true;

    /// <summary>Whether the field may be null.</summary>
    public bool Nillable { get; init; } = true;

    /// <summary>
    /// Whether Salesforce fills the field when a create leaves it out (OwnerId, checkboxes,
    /// audit fields); such fields are not reported as missing.
    /// </summary>
    public bool DefaultedOnCreate { get; init; }

    /// <summary>Whether the field is an external id (usable for upsert).</summary>
    public bool ExternalId { get; init; }

    /// <summary>Whether values must be unique across records of the object.</summary>
    public bool Unique { get; init; }

    /// <summary>Whether uniqueness and matching are case-sensitive.</summary>
    public bool CaseSensitive { get; init; }

    /// <summary>Whether the field is computed by the platform (formula, compound name).</summary>
    public bool Calculated { get; init; }

    /// <summary>Whether this is the object's name field.</summary>
    public bool NameField { get; init; }

    /// <summary>Whether the field can identify a record in upsert (Id and external ids).</summary>
    public bool IdLookup { get; init; }

    /// <summary>Objects a reference field can point at.</summary>
    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    /// <summary>Relationship name of a reference field (<c>Account</c> for <c>AccountId</c>).</summary>
    public string? RelationshipName { get; init; }

    /// <summary>Picklist entries.</summary>
    public IReadOnlyList<PicklistEntry> PicklistValues { get; init; } = [];

    /// <summary>Whether the field is visible only with a field-level security grant (new custom fields).</summary>
    public bool RequiresFieldPermission { get; init; }

    /// <summary>The position of the field's value in a stored row; set by <see cref="ObjectDefinition"/>.</summary>
    public int Ordinal { get; internal set; }

    /// <summary>Whether a create must supply a value (REQUIRED_FIELD_MISSING otherwise).</summary>
    public bool Required => !Nillable && Createable && !DefaultedOnCreate && Type != SalesforceFieldType.Boolean;

    /// <summary>Whether the field holds text (and so has a length limit).</summary>
    public bool IsText => Type is SalesforceFieldType.String or SalesforceFieldType.Email or SalesforceFieldType.Phone
        or SalesforceFieldType.Url or SalesforceFieldType.TextArea or SalesforceFieldType.Picklist;

    /// <summary>The describe <c>type</c> value.</summary>
    public string TypeName => Type switch
    {
        SalesforceFieldType.TextArea => "textarea",
        SalesforceFieldType.DateTime => "datetime",
        _ => Type.ToString().ToLowerInvariant(),
    };

    /// <summary>The describe <c>soapType</c> value.</summary>
    public string SoapType => Type switch
    {
        SalesforceFieldType.Id or SalesforceFieldType.Reference => "tns:ID",
        SalesforceFieldType.Boolean => "xsd:boolean",
        SalesforceFieldType.Int => "xsd:int",
        SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent => "xsd:double",
        SalesforceFieldType.Date => "xsd:date",
        SalesforceFieldType.DateTime => "xsd:dateTime",
        _ => "xsd:string",
    };
}
