using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Rest;

/// <summary>
/// The outcome of saving one record: <c>{"id","success","errors":[{"statusCode","message","fields"}]}</c>,
/// plus <c>created</c> for upserts.
/// </summary>
public sealed record SaveResult(string? Id, bool Success, bool? Created, IReadOnlyList<SalesforceError> Errors)
{
    /// <summary>
    /// The record failed only for a passing reason (row lock contention), so sending it again later
    /// is right; any other error means the record or the mapping must change first.
    /// </summary>
    public bool IsTransientFailure => !Success && Errors.Count > 0 && Errors.All(e => e.ErrorCode is "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE");
}
