namespace Rapport.SalesforceEmulator.Soql;

/// <summary>The Salesforce error codes the SOQL engine raises.</summary>
public static class SoqlErrorCodes
{
    /// <summary>The query does not follow the grammar (unexpected token, bad literal, mixed AND/OR…).</summary>
    public const string MalformedQuery = "MALFORMED_QUERY";

    /// <summary>A field, relationship or selected column is unknown, duplicated or of the wrong type for its value.</summary>
    public const string InvalidField = "INVALID_FIELD";

    /// <summary>The FROM object does not exist.</summary>
    public const string InvalidType = "INVALID_TYPE";

    /// <summary>An operator or value is not allowed for a field (LIKE on an id, a malformed id value).</summary>
    public const string InvalidQueryFilterOperator = "INVALID_QUERY_FILTER_OPERATOR";

    /// <summary>OFFSET above the 2,000 Salesforce allows.</summary>
    public const string NumberOutsideValidRange = "NUMBER_OUTSIDE_VALID_RANGE";
}
