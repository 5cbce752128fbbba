using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Data;
using Rapport.Data.EventLog;
using Rapport.Data.Processing;
using Rapport.Server.Configuration;
using Rapport.Server.Diagnostics;
using Rapport.Server.Tracking;

namespace Rapport.Server.Processing;

/// <summary>
/// Keeps profiles up to date: wakes when this node appended events (or every poll interval, for
/// events appended by other nodes) and processes every dataset's new events. While the tracking
/// API is saturated it leaves it most of the CPU (see <see cref="ProcessorYield"/>).
/// </summary>
internal sealed class EventProcessorService(
    ProfileProcessor processor,
    IDbContextFactory<RapportDbContext> contextFactory,
    EventLogSignal signal,
    RapportMetrics metrics,
    TrackingAdmission admission,
    TimeProvider timeProvider,
    IOptions<RapportOptions> options,
    ILogger<EventProcessorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.ProcessorPollMilliseconds));
        var gather = TimeSpan.FromMilliseconds(options.Value.ProcessorBatchMilliseconds);
        var yield = new ProcessorYield(options.Value.ProcessorShareUnderLoad, options.Value.ProcessorYieldAtTrackingRequests);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = timeProvider.GetTimestamp();
                var (busy, backlog) = await ProcessAllAsync(stoppingToken);
                if (busy)
                {
                    await yield.PauseAsync(timeProvider.GetElapsedTime(started), () => admission.AverageInProgress, timeProvider, stoppingToken);
                    var wait = ProcessorGather.Before(timeProvider.GetElapsedTime(started), backlog, gather);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, timeProvider, stoppingToken);
                    }
                }
                else
                {
                    metrics.CaughtUp();
                    // Woken by an append: at 10,000 events/s a wake-up comes with every group commit,
                    // and a chunk's fixed cost (its reads, its transaction) per hundred events took a
                    // large share of the processor's time. Waiting a moment first makes chunks larger.
                    if (await signal.WaitAsync(poll, stoppingToken) && gather > TimeSpan.Zero)
                    {
                        await Task.Delay(gather, timeProvider, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Event processing failed; retrying in a few seconds");
                await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One chunk per dataset in turn, so one busy dataset does not starve the others. Returns whether
    /// any events were applied, and whether any dataset may have more waiting.
    /// </summary>
    private async Task<(bool Busy, bool Backlog)> ProcessAllAsync(CancellationToken cancellationToken)
    {
        List<string> datasetIds;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            datasetIds = await db.Datasets.AsNoTracking().Select(d => d.Id).ToListAsync(cancellationToken);
        }
        var (busy, backlog) = (false, false);
        foreach (var datasetId in datasetIds)
        {
            try
            {
                var result = await processor.ProcessChunkAsync(datasetId, cancellationToken);
                if (result.Count > 0)
                {
                    busy = true;
                    metrics.Processed(result.Count, timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - result.LastReceivedAtMs);
                }
                busy |= result.Conflict;
                backlog |= result.Full || result.Conflict;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One dataset's failure must not stall the others; it is retried on the next pass.
                logger.LogError(ex, "Processing dataset {Dataset} failed; the other datasets continue and it is retried", datasetId);
            }
        }
        return (busy, backlog);
    }
}
