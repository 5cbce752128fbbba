namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Where a piece of the query starts: character offset, and 1-based line and column as Salesforce reports them.</summary>
public readonly record struct SoqlPosition(int Offset, int Line, int Column);
