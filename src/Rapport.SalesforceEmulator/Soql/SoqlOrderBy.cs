namespace Rapport.SalesforceEmulator.Soql;

/// <summary>One ORDER BY key.</summary>
/// <param name="Field">The field or relationship path sorted on.</param>
/// <param name="Descending">DESC when true.</param>
/// <param name="NullsLast">
/// Where nulls go; when the query does not say, Salesforce puts them first for ASC and last for DESC.
/// </param>
public sealed record SoqlOrderBy(SoqlFieldPath Field, bool Descending, bool NullsLast);
