namespace Rapport.SalesforceEmulator.Soql;

/// <summary>All operands must hold.</summary>
public sealed record SoqlAndCondition(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;
