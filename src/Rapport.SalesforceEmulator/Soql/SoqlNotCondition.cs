namespace Rapport.SalesforceEmulator.Soql;

/// <summary>The operand must not hold.</summary>
public sealed record SoqlNotCondition(SoqlCondition Operand) : SoqlCondition;
