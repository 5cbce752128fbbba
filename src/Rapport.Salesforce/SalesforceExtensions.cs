using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce;

/// <summary>Wiring of the Salesforce client into a service collection.</summary>
public static class SalesforceExtensions
{
    /// <summary>The named <see cref="HttpClient"/> for REST, Bulk and Tooling calls.</summary>
    public const string ApiClientName = "Rapport.Salesforce.Api";

    /// <summary>The named <see cref="HttpClient"/> for the OAuth endpoints.</summary>
    public const string OAuthClientName = "Rapport.Salesforce.OAuth";

    /// <summary>
    /// Registers <see cref="ISalesforceClientFactory"/>, the typed <see cref="SalesforceOAuthClient"/>,
    /// the metrics and the HTTP pipeline: standard resilience handler (outermost, one pipeline per
    /// instance host so one org's outage does not open the circuit for another), then the OAuth
    /// handler, then the <c>Sforce-Limit-Info</c> reader next to the wire.
    /// </summary>
    public static IServiceCollection AddSalesforceClient(this IServiceCollection services, Action<SalesforceHttpOptions>? configure = null)
    {
        var options = services.AddOptions<SalesforceHttpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        // Checked when the first client is built rather than deep inside Polly's own validation.
        options.Validate(o => o.MaxRetryAttempts is >= 1 and <= 10, "MaxRetryAttempts must be between 1 and 10.")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero && o.BulkPollInitialDelay >= TimeSpan.Zero && o.BulkPollMaxDelay >= o.BulkPollInitialDelay,
                "Delays must not be negative and BulkPollMaxDelay must not be below BulkPollInitialDelay.")
            .Validate(o => o.AttemptTimeout >= TimeSpan.FromSeconds(1) && o.TotalRequestTimeout > o.AttemptTimeout,
                "AttemptTimeout must be at least a second and below TotalRequestTimeout.")
            .Validate(o => o.BulkJobTimeout > TimeSpan.Zero, "BulkJobTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SalesforceMetrics>();
        services.TryAddTransient<SalesforceOAuthHandler>();
        services.TryAddTransient<SalesforceLimitInfoHandler>();
        services.TryAddSingleton<ISalesforceClientFactory, SalesforceClientFactory>();

        var oauth = services.AddHttpClient<SalesforceOAuthClient>(OAuthClientName);
        oauth.AddStandardResilienceHandler().Configure(Configure).SelectPipelineByAuthority();
        oauth.AddHttpMessageHandler<SalesforceLimitInfoHandler>();

        var api = services.AddHttpClient(ApiClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        api.AddStandardResilienceHandler().Configure(Configure).SelectPipelineByAuthority();
        api.AddHttpMessageHandler<SalesforceOAuthHandler>();
        api.AddHttpMessageHandler<SalesforceLimitInfoHandler>();
        return services;
    }

    private static void Configure(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<SalesforceHttpOptions>>().Value;
        resilience.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        resilience.Retry.Delay = settings.RetryDelay;
        resilience.Retry.ShouldHandle = args => SalesforceRetryPredicate.ShouldRetryAsync(args.Outcome, args.Context);
        resilience.AttemptTimeout.Timeout = settings.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = settings.TotalRequestTimeout;
        // The resilience library requires the breaker's sampling window to be at least twice the attempt timeout.
        resilience.CircuitBreaker.SamplingDuration = settings.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
    }
}
