using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Rapport.Core.Tracking;
using Rapport.Data.Storage;
using Rapport.Server.Admin;
using Rapport.Server.Configuration;
using Rapport.Server.Console;
using Rapport.Server.Diagnostics;
using Rapport.Server.Integrations;
using Rapport.Server.Processing;
using Rapport.Server.Sdk;
using Rapport.Server.Sync;
using Rapport.Server.Tracking;

namespace Rapport.Server;

/// <summary>Wires Rapport's services and endpoints into an ASP.NET Core application.</summary>
public static class RapportServerExtensions
{
    /// <summary>Registers storage, the tracking pipeline, the processor, metrics and health checks.</summary>
    public static WebApplicationBuilder AddRapportServices(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RapportOptions.Section).Get<RapportOptions>() ?? new RapportOptions();
        builder.Services.AddOptions<RapportOptions>().BindConfiguration(RapportOptions.Section)
            .Validate(o => o.ProcessorPollMilliseconds > 0, "Rapport:ProcessorPollMilliseconds must be positive.")
            .Validate(o => o.ProcessorBatchMilliseconds is >= 0 and <= 1_000, "Rapport:ProcessorBatchMilliseconds must be between 0 and 1000.")
            .Validate(o => o.ProcessorShareUnderLoad is >= 1 and <= 100, "Rapport:ProcessorShareUnderLoad must be a percentage from 1 to 100.")
            .Validate(o => o.ProcessorYieldAtTrackingRequests > 0, "Rapport:ProcessorYieldAtTrackingRequests must be at least 1.")
            .Validate(o => o.TrackingMaxConcurrentRequests > 0, "Rapport:TrackingMaxConcurrentRequests must be at least 1.")
            .Validate(o => o.TrackingMaxQueuedRequests >= 0, "Rapport:TrackingMaxQueuedRequests must be 0 or more.")
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedProxies) || TrustedProxiesValid(o.TrustedProxies),
                "Rapport:TrustedProxies must list IP addresses (10.0.0.5) or networks (10.0.0.0/8), separated by commas.")
            .ValidateOnStart();

        var storage = StorageOptions.Resolve(options.Database, options.DataDirectory);
        builder.Services.AddRapportData(storage);
        var (adminKey, _) = AdminKeyProvider.Resolve(options.AdminKey, storage);
        builder.Services.AddSingleton(new AdminKey(adminKey));

        builder.Services.TryAddSingletonTimeProvider();
        builder.Services.AddSingleton(new TrackingMessageReader(() => Guid.NewGuid().ToString()));
        builder.Services.AddSingleton<TrackingPipeline>();
        builder.Services.AddSingleton<TrackingAdmission>();
        builder.Services.AddSingleton<RapportMetrics>();
        builder.Services.AddHostedService<EventProcessorService>();
        builder.Services.AddSalesforceConnections(builder.Configuration);
        builder.Services.AddSyncRuns();
        builder.Services.AddSyncScheduling(storage, builder.Configuration);
        builder.Services.AddSingleton<Rapport.Sync.Activities.ActivityDispatcher>();
        if (builder.Configuration.GetValue("Rapport:Sync:Activities", true))
        {
            builder.Services.AddHostedService<Rapport.Server.Sync.ActivityDispatcherService>();
        }
        builder.Services.AddRapportSdk();
        builder.Services.AddRapportConsole();

        // EF Core logs every command at Information; that drowns the server's own messages.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // The HTTP client factory logs five lines per Salesforce call at Information (a sync run makes
        // hundreds); failures still surface as warnings and in the run's recorded errors.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
            // Messages up to 64 levels deep are accepted; responses wrap them (event → message →
            // traits…), so the default limit of 64 made reading such a profile or event a 500.
            json.SerializerOptions.MaxDepth = 256;
        });
        // Without this a bad query value or admin body gets a bare 400 with no message; thrown, it
        // reaches ProblemExceptionHandler, which says what was wrong.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(RapportMetrics.MeterName).AddAspNetCoreInstrumentation();
            if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });
        // Tracking bodies are read by hand with their own 500 KB limit (after gzip); Kestrel's
        // default 30 MB limit still bounds the admin API.
        return builder;
    }

    /// <summary>Maps the tracking API, the admin API, OpenAPI and health endpoints.</summary>
    public static WebApplication MapRapport(this WebApplication app)
    {
        if (RapportServer.Option<RapportOptions>(app.Services).TrustedProxies is { } proxies && !string.IsNullOrWhiteSpace(proxies))
        {
            // First, so everything after it (the sign-in throttle, the OAuth callback URL) sees the client.
            app.UseForwardedHeaders(TrustedProxies.Parse(proxies));
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapRapportSdk();
        app.MapTrackingApi();
        var api = app.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        api.MapDatasetsApi();
        api.MapProfilesApi();
        api.MapSalesforceConnectionApi();
        api.MapSyncSettingsApi();
        api.MapSyncRunsApi();
        app.MapSalesforceOAuthCallback();
        app.MapRapportConsole();
        return app;
    }

    private static bool TrustedProxiesValid(string list)
    {
        try
        {
            TrustedProxies.Parse(list);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>The options in force, for hosts that print where data lives.</summary>
    public static RapportOptions GetRapportOptions(this WebApplication app) => app.Services.GetRequiredService<IOptions<RapportOptions>>().Value;
}
