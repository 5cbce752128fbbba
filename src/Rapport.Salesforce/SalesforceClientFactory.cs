using Microsoft.Extensions.Options;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Rest;

namespace Rapport.Salesforce;

/// <summary>Builds clients on the named HTTP pipelines registered by <see cref="SalesforceExtensions.AddSalesforceClient"/>.</summary>
internal sealed class SalesforceClientFactory(IHttpClientFactory httpClients, TimeProvider time, IOptions<SalesforceHttpOptions> options) : ISalesforceClientFactory
{
    public SalesforceClient Create(SalesforceConnectionOptions connection, ISalesforceTokenStore tokens, ApiCallCounter? calls = null,
        SalesforceDescribeCache? describes = null)
    {
        var session = new SalesforceSession(connection, tokens, CreateOAuthClient(), calls ?? new ApiCallCounter());
        return new SalesforceClient(httpClients.CreateClient(SalesforceExtensions.ApiClientName), session, options.Value, time, describes);
    }

    public SalesforceOAuthClient CreateOAuthClient() => new(httpClients.CreateClient(SalesforceExtensions.OAuthClientName), time);
}
