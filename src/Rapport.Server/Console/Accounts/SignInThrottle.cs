using System.Net;
using Microsoft.Extensions.Options;

namespace Rapport.Server.Console.Accounts;

/// <summary>
/// Slows password guessing at the console's sign-in. An attempt counts as a failure from the moment
/// it starts (<see cref="TryStart"/>), so a burst of parallel guesses cannot all pass the check before
/// the first one is recorded; a successful sign-in (<see cref="Succeeded"/>) forgets the counts of its
/// user name and address. Once a user name has <see cref="SignInThrottleOptions.MaxFailures"/> failures
/// within the window, or a client address <see cref="SignInThrottleOptions.MaxFailuresPerAddress"/>,
/// attempts for it are refused without looking at the password until the oldest of those failures
/// leaves the window. The counts are kept in this process's memory: each node of a cluster counts
/// its own.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    private readonly SignInThrottleOptions _options = options.Value;
    private readonly Lock _lock = new();
    // The most recent failure times per key, oldest first, at most the key's limit of them.
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    private TimeSpan Window => TimeSpan.FromMinutes(_options.WindowMinutes);

    /// <summary>
    /// Starts an attempt and counts it as failed until <see cref="Succeeded"/> says otherwise; false,
    /// with how long to wait, when the user name or the address has failed too often.
    /// </summary>
    public bool TryStart(string userName, IPAddress? client, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Sweep(now);
            retryAfter = TimeSpan.Zero;
            var keys = Keys(userName, client);
            foreach (var (key, limit) in keys)
            {
                if (_failures.TryGetValue(key, out var times) && Expire(times, now) >= limit)
                {
                    var wait = times.Peek() + Window - now;
                    retryAfter = wait > retryAfter ? wait : retryAfter;
                }
            }
            if (retryAfter > TimeSpan.Zero)
            {
                return false;
            }
            foreach (var (key, limit) in keys)
            {
                if (!_failures.TryGetValue(key, out var times))
                {
                    _failures[key] = times = new Queue<DateTimeOffset>(limit);
                }
                times.Enqueue(now);
                while (times.Count > limit)
                {
                    times.Dequeue();
                }
            }
            return true;
        }
    }

    /// <summary>The attempt signed in: its user name and address start again from no failures.</summary>
    public void Succeeded(string userName, IPAddress? client)
    {
        lock (_lock)
        {
            foreach (var (key, _) in Keys(userName, client))
            {
                _failures.Remove(key);
            }
        }
    }

    /// <summary>"Too many failed sign-ins; try again in N minutes." for a wait, rounded up to whole minutes.</summary>
    public static string Message(TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return $"Too many failed sign-ins; try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
    }

    private List<(string Key, int Limit)> Keys(string userName, IPAddress? client)
    {
        var keys = new List<(string, int)>(2) { ("user:" + AdminAccounts.Normalize(userName.Trim()), _options.MaxFailures) };
        if (client is not null && _options.MaxFailuresPerAddress > 0)
        {
            // An IPv4 client reaching a dual-stack socket shows up as ::ffff:a.b.c.d; one address, one count.
            var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
            keys.Add(("address:" + address, _options.MaxFailuresPerAddress));
        }
        return keys;
    }

    private int Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() + Window <= now)
        {
            times.Dequeue();
        }
        return times.Count;
    }

    // Names tried once and never again would otherwise stay forever: once per window, the expired go.
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < Window)
        {
            return;
        }
        _lastSweep = now;
        foreach (var key in _failures.Where(f => Expire(f.Value, now) == 0).Select(f => f.Key).ToList())
        {
            _failures.Remove(key);
        }
    }
}
