namespace Rapport.SalesforceEmulator.Soql;

/// <summary>What the SOQL engine needs to know about a field.</summary>
/// <param name="Name">The canonical API name (<c>AccountId</c>, <c>Rapport_Score__c</c>).</param>
/// <param name="Type">How values compare.</param>
public sealed record SoqlFieldInfo(string Name, SoqlFieldType Type)
{
    /// <summary>For a reference: the relationship name used in paths (<c>AccountId</c> → <c>Account</c>, <c>OwnerId</c> → <c>Owner</c>).</summary>
    public string? RelationshipName { get; init; }

    /// <summary>For a reference: the objects it may point to, first one preferred (<c>WhoId</c> → Contact, Lead).</summary>
    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    /// <summary>
    /// Where the field's value sits in rows that implement <see cref="ISoqlRow"/>; -1 (the default)
    /// reads it by name through the dictionary instead.
    /// </summary>
    public int Ordinal { get; init; } = -1;
}
