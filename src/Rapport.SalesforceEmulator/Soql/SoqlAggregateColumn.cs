namespace Rapport.SalesforceEmulator.Soql;

/// <summary>A resolved <c>COUNT(field)</c>: the key it appears under in the AggregateResult row and the counted column.</summary>
/// <param name="Alias">The alias, or Salesforce's default <c>expr0</c>, <c>expr1</c>, … for unaliased aggregates.</param>
/// <param name="Column">The counted field.</param>
public sealed record SoqlAggregateColumn(string Alias, SoqlColumn Column);
