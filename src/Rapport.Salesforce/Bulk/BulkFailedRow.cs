namespace Rapport.Salesforce.Bulk;

/// <summary>
/// A row of <c>failedResults/</c>: <c>sf__Id</c> (empty for failed creates), <c>sf__Error</c>
/// ("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --") and the uploaded fields.
/// </summary>
public sealed record BulkFailedRow(string? Id, string Error, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The status code before the first colon of <see cref="Error"/>.</summary>
    public string ErrorCode => Error.Split(':', 2)[0];
}
