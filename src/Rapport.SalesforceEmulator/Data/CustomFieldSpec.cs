namespace Rapport.SalesforceEmulator.Data;

/// <summary>A custom field as persisted in a data snapshot, enough to recreate its definition.</summary>
internal sealed record CustomFieldSpec(
    string ObjectName,
    string Name,
    string Label,
    SalesforceFieldType Type,
    int Length,
    int Precision,
    int Scale,
    bool ExternalId,
    bool Unique,
    bool CaseSensitive,
    IReadOnlyList<PicklistEntry> PicklistValues)
{
    public static CustomFieldSpec From(ObjectDefinition definition, FieldDefinition field) => new(
        definition.Name, field.Name, field.Label, field.Type, field.Length, field.Precision, field.Scale,
        field.ExternalId, field.Unique, field.CaseSensitive, field.PicklistValues);

    public FieldDefinition ToField() => new()
    {
        Name = Name,
        Label = Label,
        Type = Type,
        Length = Length,
        Precision = Precision,
        Scale = Scale,
        Custom = true,
        Nillable = Type != SalesforceFieldType.Boolean,
        DefaultedOnCreate = Type == SalesforceFieldType.Boolean,
        ExternalId = ExternalId,
        Unique = Unique,
        CaseSensitive = CaseSensitive,
        PicklistValues = PicklistValues,
        RequiresFieldPermission = true,
    };
}
