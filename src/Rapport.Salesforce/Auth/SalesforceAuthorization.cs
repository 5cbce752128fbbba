namespace Rapport.Salesforce.Auth;

/// <summary>
/// The start of a web server flow: the URL to redirect the admin's browser to, and the
/// <see cref="State"/> and <see cref="CodeVerifier"/> the caller keeps (server side) until the
/// callback arrives.
/// </summary>
public sealed record SalesforceAuthorization(Uri Url, string State, string CodeVerifier);
