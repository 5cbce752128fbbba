namespace Rapport.Salesforce.Http;

/// <summary>
/// One Salesforce error: <c>errorCode</c> (REST error bodies) or <c>statusCode</c> (save results of
/// sObject Collections and composite), <c>message</c> and the <c>fields</c> it concerns.
/// </summary>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>A readable one-liner: "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (LastName)".</summary>
    public override string ToString() => Fields.Count == 0 ? $"{ErrorCode}: {Message}" : $"{ErrorCode}: {Message} ({string.Join(", ", Fields)})";
}
