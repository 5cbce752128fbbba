namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A field path resolved against the schema, with canonical names: what a select item, WHERE field
/// or ORDER BY key refers to.
/// </summary>
public sealed class SoqlColumn
{
    internal SoqlColumn(string objectName, IReadOnlyList<SoqlFieldInfo> references, SoqlFieldInfo field)
    {
        ObjectName = objectName;
        References = references;
        Field = field;
        Relationships = references.Select(r => r.RelationshipName!).ToArray();
        Path = string.Join('.', Relationships.Append(field.Name));
        Category = field.Type switch
        {
            SoqlFieldType.Id or SoqlFieldType.Reference => SoqlValueCategory.Id,
            SoqlFieldType.Boolean => SoqlValueCategory.Boolean,
            SoqlFieldType.Int or SoqlFieldType.Double or SoqlFieldType.Currency or SoqlFieldType.Percent => SoqlValueCategory.Number,
            SoqlFieldType.Date => SoqlValueCategory.Date,
            SoqlFieldType.DateTime => SoqlValueCategory.DateTime,
            _ => SoqlValueCategory.Text,
        };
    }

    /// <summary>The canonical path, e.g. <c>Account.Name</c> for <c>account.name</c>; a Bulk API CSV header.</summary>
    public string Path { get; }

    /// <summary>Canonical relationship names from the queried object to the field (<c>["Account"]</c>); empty for a plain field.</summary>
    public IReadOnlyList<string> Relationships { get; }

    /// <summary>The field at the end of the path, with its canonical name and type.</summary>
    public SoqlFieldInfo Field { get; }

    /// <summary>The object that declares <see cref="Field"/>.</summary>
    public string ObjectName { get; }

    /// <summary>The reference fields walked to reach the field, one per relationship.</summary>
    internal IReadOnlyList<SoqlFieldInfo> References { get; }

    internal SoqlValueCategory Category { get; }
}
