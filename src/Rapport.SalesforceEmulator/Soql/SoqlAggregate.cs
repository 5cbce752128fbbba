namespace Rapport.SalesforceEmulator.Soql;

/// <summary><c>COUNT(field) [alias]</c> in a select list; the row it produces is an <c>AggregateResult</c>.</summary>
/// <param name="Field">The counted field (non-null values are counted).</param>
/// <param name="Alias">The alias, or null for Salesforce's default <c>expr0</c>, <c>expr1</c>, ….</param>
/// <param name="Position">Where <c>COUNT</c> starts.</param>
public sealed record SoqlAggregate(SoqlFieldPath Field, string? Alias, SoqlPosition Position);
