using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Server.Console.Accounts;
using Rapport.Server.Console.Events;
using Rapport.Server.Console.Salesforce;

namespace Rapport.Server.Console;

/// <summary>Wires the admin console: Blazor static server rendering, cookie sign-in, antiforgery.</summary>
public static class ConsoleExtensions
{
    /// <summary>The console's sign-in cookie.</summary>
    public const string CookieName = "rapport.console";

    /// <summary>Registers the console's components, accounts and authentication.</summary>
    public static IServiceCollection AddRapportConsole(this IServiceCollection services)
    {
        services.AddSingleton<AdminAccounts>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignInThrottleOptions>, SignInThrottleOptionsValidator>());
        // Tests register their own, on a fake clock, before this runs.
        services.TryAddSingleton<SignInThrottle>();
        services.AddSingleton<FirstAdminAccount>();
        services.AddHostedService<FirstAdminAccountService>();
        services.AddEventStream();
        services.AddActivityPreview();
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        // The cookie is protected with the Data Protection key ring in the database (see
        // SalesforceConnectionExtensions), so every node accepts a cookie any node issued.
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/sign-in";
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RejectDeletedAccountsAsync;
        });
        services.AddAuthorization();
        services.AddAntiforgery(options => options.Cookie.Name = "rapport.antiforgery");
        return services;
    }

    /// <summary>Maps the console's pages and assets; the admin API keeps its own key check.</summary>
    public static WebApplication MapRapportConsole(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseExpiredFormPage();
        app.UseNotFoundPage();
        app.MapConsoleAssets();
        app.MapEventStream();
        app.MapActivityPreview();
        app.MapRazorComponents<App>();
        return app;
    }

    // A cookie outlives nothing: once its account is gone, the next request signs it out.
    private static async Task RejectDeletedAccountsAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AdminAccounts>();
        if (id is null || !await accounts.ExistsAsync(id, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
        }
    }
}
