using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;

namespace Rapport.Salesforce.Tests.Support;

/// <summary>
/// The real DI wiring (<c>AddSalesforceClient</c>: resilience, OAuth and limit handlers) over a
/// <see cref="FakeSalesforceHandler"/>, with retries that do not wait.
/// </summary>
public sealed class ClientHarness : IDisposable
{
    public const string Instance = "https://acme.my.salesforce.com";
    public const string Login = "https://login.salesforce.com";

    private readonly ServiceProvider _services;

    public ClientHarness(SalesforceTokenSet? tokens = null, SalesforceConnectionOptions? options = null, bool noTokens = false, TimeSpan? retryDelay = null)
    {
        Handler = new FakeSalesforceHandler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSalesforceClient(o =>
        {
            o.RetryDelay = retryDelay ?? TimeSpan.Zero;
            o.BulkPollInitialDelay = TimeSpan.Zero;
            o.BulkPollMaxDelay = TimeSpan.Zero;
        });
        services.AddHttpClient(SalesforceExtensions.ApiClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        services.AddHttpClient(SalesforceExtensions.OAuthClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        Store = new InMemorySalesforceTokenStore(noTokens ? null : tokens ?? Tokens("token-1", "refresh-1"));
        Options = options ?? new SalesforceConnectionOptions { ConsumerKey = "key", ConsumerSecret = null, LoginUrl = new Uri(Login) };
        Calls = new ApiCallCounter();
        Client = Factory.Create(Options, Store, Calls);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeSalesforceHandler Handler { get; }

    public InMemorySalesforceTokenStore Store { get; }

    public SalesforceConnectionOptions Options { get; }

    public ApiCallCounter Calls { get; }

    public SalesforceClient Client { get; }

    public ISalesforceClientFactory Factory => _services.GetRequiredService<ISalesforceClientFactory>();

    public IServiceProvider Services => _services;

    public static SalesforceTokenSet Tokens(string access, string? refresh) => new()
    {
        AccessToken = access,
        RefreshToken = refresh,
        InstanceUrl = new Uri(Instance),
        IdentityUrl = new Uri(Instance + "/id/00Dxx0000000001EAA/005xx0000000001AAA"),
    };

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
