namespace Rapport.SalesforceEmulator.Soql;

/// <summary>At least one operand must hold.</summary>
public sealed record SoqlOrCondition(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;
