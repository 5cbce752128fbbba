using Rapport.Salesforce.Diagnostics;

namespace Rapport.Salesforce.Http;

/// <summary>
/// The innermost handler, so every call on the wire is seen (retries and replays each cost an
/// API request): counts it by endpoint kind and reads <c>Sforce-Limit-Info</c>.
/// </summary>
internal sealed class SalesforceLimitInfoHandler(SalesforceMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var kind = SalesforceEndpointClassifier.Classify(request.RequestUri);
        var instance = request.RequestUri?.Authority ?? string.Empty;
        request.Options.TryGetValue(SalesforceRequestOptions.Session, out var session);
        session?.Calls.Increment(kind);
        metrics.RecordCall(kind, instance);
        if (response.Headers.TryGetValues(ApiUsage.HeaderName, out var values) && ApiUsage.TryParse(string.Join(',', values), out var usage))
        {
            session?.ReportUsage(usage);
            metrics.RecordUsage(usage, instance);
        }
        return response;
    }
}
