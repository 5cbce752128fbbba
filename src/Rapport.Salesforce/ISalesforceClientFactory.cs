using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Rest;

namespace Rapport.Salesforce;

/// <summary>Creates a <see cref="SalesforceClient"/> for one connection (one per sync run is typical).</summary>
public interface ISalesforceClientFactory
{
    /// <summary>
    /// A client for the org <paramref name="options"/> point at, reading and saving tokens through
    /// <paramref name="tokens"/> and counting calls into <paramref name="calls"/> (a new counter if null);
    /// describes are kept in <paramref name="describes"/> when given, so they outlive the client.
    /// </summary>
    SalesforceClient Create(SalesforceConnectionOptions options, ISalesforceTokenStore tokens, ApiCallCounter? calls = null,
        SalesforceDescribeCache? describes = null);

    /// <summary>The OAuth client for connection setup (authorize URL, code exchange, revoke).</summary>
    SalesforceOAuthClient CreateOAuthClient();
}
