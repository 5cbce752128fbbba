namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// <c>field operator value</c>. <see cref="Values"/> holds one literal, or the list of an
/// <c>IN</c> / <c>NOT IN</c>.
/// </summary>
public sealed record SoqlComparison(SoqlFieldPath Field, SoqlOperator Operator, IReadOnlyList<SoqlLiteral> Values) : SoqlCondition;
