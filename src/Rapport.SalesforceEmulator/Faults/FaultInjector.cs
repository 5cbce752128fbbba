namespace Rapport.SalesforceEmulator.Faults;

/// <summary>Holds the current <see cref="FaultSettings"/> and the seeded random sequence.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new(0);
    private Random _records = new(0);

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    /// <summary>Replaces the settings and restarts the random sequence from their seed.</summary>
    public void Configure(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
#pragma warning disable CA5394 // Deliberately predictable: a seed must reproduce the same failures.
            _random = new Random(settings.Seed);
            _records = new Random(settings.Seed);
#pragma warning restore CA5394
        }
    }

    /// <summary>Whether one record of a Collections write on <paramref name="path"/> fails with UNABLE_TO_LOCK_ROW.</summary>
    public bool LockRecord(string path)
    {
        lock (_gate)
        {
            var settings = _settings;
#pragma warning disable CA5394 // See Configure.
            return settings.RecordLockRate > 0 && path.StartsWith(settings.PathPrefix, StringComparison.OrdinalIgnoreCase) && _records.NextDouble() < settings.RecordLockRate;
#pragma warning restore CA5394
        }
    }

    /// <summary>Decides the fault for one request; writes count as lock candidates.</summary>
    public (FaultKind Kind, TimeSpan Latency) Decide(string path, bool isWrite)
    {
        lock (_gate)
        {
            var settings = _settings;
            if (!path.StartsWith(settings.PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return (FaultKind.None, TimeSpan.Zero);
            }
            var latency = TimeSpan.FromMilliseconds(settings.LatencyMs);
            if (settings.UnavailableRate + settings.LockRowRate + settings.DropRate <= 0)
            {
                return (FaultKind.None, latency);
            }
#pragma warning disable CA5394 // See Configure.
            var roll = _random.NextDouble();
#pragma warning restore CA5394
            if (roll < settings.UnavailableRate)
            {
                return (FaultKind.Unavailable, latency);
            }
            roll -= settings.UnavailableRate;
            if (roll < settings.LockRowRate)
            {
                // Record locks happen on DML; a read that draws this number goes through.
                return (isWrite ? FaultKind.LockRow : FaultKind.None, latency);
            }
            roll -= settings.LockRowRate;
            return (roll < settings.DropRate ? FaultKind.Drop : FaultKind.None, latency);
        }
    }
}
