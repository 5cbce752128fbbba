namespace Rapport.SalesforceEmulator.Limits;

/// <summary>
/// Counts API requests per UTC day. Salesforce measures a rolling 24 hours; a calendar day on the
/// emulator clock is easier to reason about in tests and demos ("move the clock past midnight and
/// the count is back to zero"), and clients only ever see the N/M numbers.
/// </summary>
internal sealed class DailyApiRequestCounter : IDailyApiRequestLimit
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private int _max;
    private int _used;
    private DateOnly _day;

    public DailyApiRequestCounter(TimeProvider clock, int max)
    {
        _clock = clock;
        _max = max;
        _day = Today();
    }

    public int Max
    {
        get
        {
            lock (_gate)
            {
                return _max;
            }
        }
    }

    public int Used
    {
        get
        {
            lock (_gate)
            {
                RollOver();
                return _used;
            }
        }
    }

    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                RollOver();
                return Math.Max(0, _max - _used);
            }
        }
    }

    /// <summary>Counts one request unless the allocation is used up; returns the usage to report.</summary>
    public (bool Allowed, int Used, int Max) TryCount()
    {
        lock (_gate)
        {
            RollOver();
            if (_used >= _max)
            {
                return (false, _used, _max);
            }
            _used++;
            return (true, _used, _max);
        }
    }

    /// <summary>Test control: change the allocation and optionally today's count.</summary>
    public void Set(int? max, int? used)
    {
        lock (_gate)
        {
            RollOver();
            if (max is { } m)
            {
                _max = m;
            }
            if (used is { } u)
            {
                _used = u;
            }
        }
    }

    private void RollOver()
    {
        var today = Today();
        if (today != _day)
        {
            _day = today;
            _used = 0;
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
}
