using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.SalesforceEmulator.Faults;
using Rapport.SalesforceEmulator.Limits;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Wiring of identity, access, limits and faults into the emulator host.</summary>
public static class EmulatorAuthExtensions
{
    /// <summary>
    /// Registers the directory (<see cref="IEmulatorDirectory"/>), the daily API counter
    /// (<see cref="IDailyApiRequestLimit"/>), the token store, the fault injector, the request
    /// journal and the emulator clock. The clock (<see cref="EmulatorClock"/>) replaces any
    /// registered <see cref="TimeProvider"/> so that data timestamps move with
    /// <c>/__emulator/clock</c> too.
    /// </summary>
    public static IServiceCollection AddEmulatorAuth(this IServiceCollection services, EmulatorAuthOptions options)
    {
        var clock = new EmulatorClock(options.BaseTimeProvider);
        var directory = new EmulatorDirectory(options.Config);
        var counter = new DailyApiRequestCounter(clock, options.Config.DailyApiRequests);

        services.AddSingleton(options);
        services.AddSingleton(options.Config);
        services.AddSingleton(clock);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(directory);
        services.AddSingleton<IEmulatorDirectory>(directory);
        services.AddSingleton(counter);
        services.AddSingleton<IDailyApiRequestLimit>(counter);
        services.AddSingleton(new ConnectedAppRegistry(options.Config));
        services.AddSingleton(new OAuthTokenStore(clock, directory, options.Config));
        services.AddSingleton(new FaultInjector());
        services.AddSingleton(new RequestJournal(options.JournalCapacity));
        return services;
    }

    /// <summary>
    /// Adds the middleware, outermost first: the request journal, fault injection, the session
    /// guard for <c>/services/data/…</c> and <c>/id/…</c> (sets the <see cref="IEmulatorSession"/>
    /// feature), and the daily API limit (<c>Sforce-Limit-Info</c>, REQUEST_LIMIT_EXCEEDED). Call
    /// it before mapping endpoints; in a <see cref="WebApplication"/> it runs after routing has
    /// picked the endpoint and before the endpoint executes.
    /// </summary>
    public static WebApplication UseEmulatorAuth(this WebApplication app)
    {
        app.UseMiddleware<RequestJournalMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<SessionGuardMiddleware>();
        app.UseMiddleware<ApiLimitMiddleware>();
        return app;
    }

    /// <summary>
    /// Maps <c>/services/oauth2/authorize|token|revoke</c>, the identity URL
    /// <c>/id/{orgId}/{userId}</c> and the <c>/__emulator/…</c> controls for sessions, refresh
    /// tokens, users, permissions, limits, the clock, faults and the request journal.
    /// </summary>
    public static IEndpointRouteBuilder MapEmulatorAuth(this IEndpointRouteBuilder endpoints)
    {
        var oauth = endpoints.MapGroup("/services/oauth2");
        oauth.MapMethods("/authorize", ["GET", "POST"], OAuthAuthorizeEndpoint.HandleAsync);
        oauth.MapPost("/token", OAuthTokenEndpoint.HandleAsync);
        oauth.MapMethods("/revoke", ["GET", "POST"], OAuthRevokeEndpoint.HandleAsync);
        endpoints.MapMethods("/id/{orgId}/{userId}", ["GET", "POST"], IdentityEndpoint.Handle);

        var controls = endpoints.MapGroup("/__emulator");
        EmulatorAuthControlApi.Map(controls);
        LimitsControlApi.Map(controls);
        FaultControlApi.Map(controls);
        return endpoints;
    }
}
