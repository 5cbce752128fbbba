namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// One error as Salesforce reports it: <c>{"message","errorCode","fields"}</c> in REST error
/// bodies and <c>{"statusCode","message","fields"}</c> in save results.
/// </summary>
/// <param name="ErrorCode">The documented code, e.g. <c>REQUIRED_FIELD_MISSING</c>.</param>
/// <param name="Message">The human-readable message.</param>
/// <param name="Fields">Fields the error concerns.</param>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>An error that names no fields.</summary>
    public SalesforceError(string errorCode, string message)
        : this(errorCode, message, [])
    {
    }
}
