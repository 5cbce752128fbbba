using Rapport.Sync.Connectors;

namespace Rapport.Sync.Activities;

/// <summary>
/// When a connection whose dispatch failed may be tried again: exponential from one second, capped at
/// five minutes; a used-up daily API limit or a failed login waits at least five minutes, since
/// retrying sooner only spends calls or fills the log. Pure; the caller supplies the time.
/// </summary>
public sealed class ActivityBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (int Failures, DateTimeOffset RetryAt)> _state = new(StringComparer.Ordinal);

    /// <summary>Whether the connection is still waiting out an earlier failure.</summary>
    public bool IsWaiting(string connectionId, DateTimeOffset now)
        => _state.TryGetValue(connectionId, out var state) && now < state.RetryAt;

    public void Succeeded(string connectionId) => _state.Remove(connectionId);

    /// <summary>Records a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Failed(string connectionId, DateTimeOffset now, CrmFailureKind kind)
    {
        var failures = _state.TryGetValue(connectionId, out var state) ? state.Failures + 1 : 1;
        var delay = Delay(failures, kind);
        _state[connectionId] = (failures, now + delay);
        return delay;
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row.</summary>
    public static TimeSpan Delay(int failures, CrmFailureKind kind)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var delay = TimeSpan.FromTicks(Math.Min(Initial.Ticks << exponent, Maximum.Ticks));
        return kind is CrmFailureKind.RequestLimitExceeded or CrmFailureKind.AuthenticationFailed or CrmFailureKind.InsufficientAccess
            ? Maximum
            : delay;
    }
}
