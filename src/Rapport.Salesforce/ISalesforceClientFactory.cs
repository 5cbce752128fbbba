using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;

namespace Rapport.Salesforce;

/// <summary>Creates a <see cref="SalesforceClient"/> for one connection (one per sync run is typical).</summary>
public interface ISalesforceClientFactory
{
    /// <summary>
    /// A client for the org <paramref name="options"/> point at, reading and saving tokens through
    /// <paramref name="tokens"/> and counting calls into <paramref name="calls"/> (a new counter if null).
    /// </summary>
    SalesforceClient Create(SalesforceConnectionOptions options, ISalesforceTokenStore tokens, ApiCallCounter? calls = null);

    /// <summary>The OAuth client for connection setup (authorize URL, code exchange, revoke).</summary>
    SalesforceOAuthClient CreateOAuthClient();
}
