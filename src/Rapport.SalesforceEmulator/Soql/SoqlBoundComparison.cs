namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A WHERE comparison checked against the schema: its column and its values converted to the field's
/// kind (18-character ids, decimals, dates, instants, or a <see cref="SoqlDateLiteral"/>; null stays null).
/// </summary>
internal sealed record SoqlBoundComparison(SoqlColumn Column, SoqlOperator Operator, IReadOnlyList<object?> Values);
