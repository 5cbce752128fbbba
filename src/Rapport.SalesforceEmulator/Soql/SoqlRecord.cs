namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// One row of a query result, shaped as Salesforce renders it: fields in select-list order, and a
/// parent relationship (<c>Account.Name</c>) as a nested record under its relationship name, placed
/// where its first field was selected. A relationship whose lookup is empty has the value null
/// (rendered <c>"Account": null</c>).
/// </summary>
public sealed class SoqlRecord
{
    internal SoqlRecord(string objectType, string? id, IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        ObjectType = objectType;
        Id = id;
        Fields = fields;
    }

    /// <summary>The sObject type for <c>attributes.type</c> (<c>AggregateResult</c> for aggregate rows).</summary>
    public string ObjectType { get; }

    /// <summary>The record id for <c>attributes.url</c>, whether or not Id was selected; null for aggregate rows.</summary>
    public string? Id { get; }

    /// <summary>
    /// Canonical field names and values: string, bool, numbers, <see cref="DateOnly"/>,
    /// <see cref="DateTimeOffset"/>, null, or a nested <see cref="SoqlRecord"/> for a relationship.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }
}
