namespace Rapport.Data.Entities;

/// <summary>How a Salesforce connection obtains its tokens.</summary>
public enum SalesforceAuthFlow
{
    /// <summary>OAuth 2.0 web server flow with PKCE: an admin approves in the browser; refresh tokens keep it alive.</summary>
    WebServer,

    /// <summary>Username + password + security token of an integration user (seed 004); logs in again when the session ends.</summary>
    Password,
}
