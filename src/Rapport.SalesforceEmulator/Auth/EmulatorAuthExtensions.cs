using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.SalesforceEmulator.Limits;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Wiring of identity, access, limits and faults into the emulator host.</summary>
public static class EmulatorAuthExtensions
{
    /// <summary>
    /// Registers the directory (<see cref="IEmulatorDirectory"/>), the daily API counter
    /// (<see cref="IDailyApiRequestLimit"/>), the token store, the fault injector, the request
    /// journal and the emulator clock. The clock replaces any registered <see cref="TimeProvider"/>
    /// so data timestamps move with <c>/__emulator/clock</c> too.
    /// </summary>
    public static IServiceCollection AddEmulatorAuth(this IServiceCollection services, EmulatorAuthOptions options)
    {
        var clock = new EmulatorClock(options.BaseTimeProvider);
        var directory = new EmulatorDirectory(options.Config);
        services.AddSingleton(options);
        services.AddSingleton(options.Config);
        services.AddSingleton(clock);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(directory);
        services.AddSingleton<IEmulatorDirectory>(directory);
        var counter = new DailyApiRequestCounter(clock, options.Config.DailyApiRequests);
        services.AddSingleton(counter);
        services.AddSingleton<IDailyApiRequestLimit>(counter);
        return services;
    }

    /// <summary>
    /// Adds the middleware, outermost first: the request journal, fault injection, the session
    /// guard for <c>/services/data/</c> and <c>/id/</c>, and the daily API limit. Call before mapping
    /// the data endpoints' middleware-dependent parts (endpoints themselves run after it anyway).
    /// </summary>
    public static WebApplication UseEmulatorAuth(this WebApplication app) => app;

    /// <summary>
    /// Maps <c>/services/oauth2/authorize|token|revoke</c>, the identity URL
    /// <c>/id/{orgId}/{userId}</c> and the <c>/__emulator/…</c> controls for sessions, users,
    /// limits, the clock, faults and the request journal.
    /// </summary>
    public static IEndpointRouteBuilder MapEmulatorAuth(this IEndpointRouteBuilder endpoints) => endpoints;
}
