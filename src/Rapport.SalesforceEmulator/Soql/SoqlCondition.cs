namespace Rapport.SalesforceEmulator.Soql;

/// <summary>A WHERE condition: a comparison, or AND / OR / NOT of conditions.</summary>
public abstract record SoqlCondition;
