using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Activities;
using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Server.Sync;

/// <summary>
/// Writes events to Salesforce as activities within seconds of their processing (seed 001): every
/// second, each active connection with activities on and processed events behind its cursor gets a
/// dispatch. A failing connection backs off (<see cref="ActivityBackoff"/>) without holding up the
/// others. It polls rather than waiting on <c>EventLogSignal</c>: that signal has one waiter, the
/// processor, and events only become dispatchable once the processor has applied them anyway.
/// Several nodes may dispatch the same connection; upserts by external id keep that harmless.
/// </summary>
internal sealed class ActivityDispatcherService(
    ActivityDispatcher dispatcher,
    IDbContextFactory<RapportDbContext> contexts,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ActivityDispatcherService> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly ActivityBackoff _backoff = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchAllAsync(stoppingToken);
                await Task.Delay(Poll, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Reading the connections failed (database busy or gone): try again on the next pass.
                logger.LogError(ex, "Activity dispatch pass failed; retrying in a few seconds");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }

    private async Task DispatchAllAsync(CancellationToken cancellationToken)
    {
        List<SalesforceConnectionEntity> connections;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            connections = await db.SalesforceConnections.AsNoTracking()
                .Where(c => c.State == SalesforceConnectionState.Active)
                .ToListAsync(cancellationToken);
        }
        foreach (var connection in connections)
        {
            if (_backoff.IsWaiting(connection.Id, time.GetUtcNow()))
            {
                continue;
            }
            try
            {
                await DispatchAsync(connection, cancellationToken);
                _backoff.Succeeded(connection.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var kind = ex switch
                {
                    CrmException crm => crm.Kind,
                    JsonException => CrmFailureKind.Configuration,
                    _ => CrmFailureKind.Unknown,
                };
                var delay = _backoff.Failed(connection.Id, time.GetUtcNow(), kind);
                logger.LogWarning(ex, "Writing activities for connection {Connection} failed ({Kind}); retrying in {Delay}", connection.Id, kind, delay);
            }
        }
    }

    private async Task DispatchAsync(SalesforceConnectionEntity connection, CancellationToken cancellationToken)
    {
        var settings = SyncSettings.Parse(connection.SyncSettings);
        if (!settings.Activities.Enabled || !await dispatcher.HasPendingAsync(connection.Id, connection.DatasetId, cancellationToken))
        {
            return;
        }
        // Resolved here, not injected: the host starts even in a build without a CRM connector.
        var factory = services.GetService<ICrmConnectorFactory>()
            ?? throw new CrmException(CrmFailureKind.Configuration, "No CRM connector is registered, so activities cannot be written.");
        using var connector = await factory.OpenAsync(connection.Id, cancellationToken);
        var result = await dispatcher.DispatchAsync(connection.Id, connection.DatasetId, settings, connector, cancellationToken);
        if (result.Written + result.Failed + result.NpsUpdated > 0)
        {
            logger.LogInformation("Connection {Connection}: {Written} activities written, {Nps} NPS updates, {Failed} rejected, {Unlinked} events without a linked record",
                connection.Id, result.Written, result.NpsUpdated, result.Failed, result.Unlinked);
        }
    }
}
