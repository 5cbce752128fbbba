using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Hosting;

/// <summary>Writes the data file every <see cref="EmulatorOptions.SnapshotInterval"/> when records changed, and once more at shutdown.</summary>
internal sealed class SnapshotService(OrgStore store, EmulatorOptions options, ILogger<SnapshotService> logger) : BackgroundService
{
    private long _savedVersion = -1;

    public void MarkSaved() => _savedVersion = store.DataVersion;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.DataFile is null)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.SnapshotInterval, options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    SaveIfChanged();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    logger.LogError(ex, "Could not write the emulator data file {File}", options.DataFile);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.DataFile is not null)
        {
            SaveIfChanged();
        }
    }

    public void SaveIfChanged()
    {
        var version = store.DataVersion;
        if (version == _savedVersion || options.DataFile is null)
        {
            return;
        }
        OrgSnapshot.Save(store, options.DataFile);
        _savedVersion = version;
    }
}
