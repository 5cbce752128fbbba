namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A query that Salesforce would reject. <see cref="ErrorCode"/> and <see cref="Exception.Message"/>
/// are what the REST API puts in its error body (<c>[{"message": …, "errorCode": …}]</c>, status 400).
/// </summary>
public sealed class SoqlException : Exception
{
    /// <summary>Creates an error with a Salesforce error code such as <c>MALFORMED_QUERY</c>.</summary>
    public SoqlException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates an error that also records where in the query it was found (1-based).</summary>
    public SoqlException(string errorCode, string message, int row, int column)
        : this(errorCode, message)
    {
        Row = row;
        Column = column;
    }

    /// <summary>Salesforce's error code, e.g. <c>MALFORMED_QUERY</c>, <c>INVALID_FIELD</c>, <c>INVALID_TYPE</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>1-based line of the offending token, when the error points into the query.</summary>
    public int? Row { get; }

    /// <summary>1-based column of the offending token, when the error points into the query.</summary>
    public int? Column { get; }
}
