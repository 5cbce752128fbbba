using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Rest;

/// <summary>
/// The outcome of saving one record: <c>{"id","success","errors":[{"statusCode","message","fields"}]}</c>,
/// plus <c>created</c> for upserts.
/// </summary>
public sealed record SaveResult(string? Id, bool Success, bool? Created, IReadOnlyList<SalesforceError> Errors);
