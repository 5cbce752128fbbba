namespace Rapport.SalesforceEmulator.Limits;

/// <summary>
/// The org's daily API request allocation, for the <c>/limits</c> resource
/// (<c>"DailyApiRequests": {"Max": …, "Remaining": …}</c>). Registered as a singleton by
/// <c>AddEmulatorAuth</c>; the auth middleware counts the calls.
/// </summary>
public interface IDailyApiRequestLimit
{
    /// <summary>Requests allowed per day.</summary>
    int Max { get; }

    /// <summary>Requests counted today (UTC), the current one included.</summary>
    int Used { get; }

    /// <summary><see cref="Max"/> minus <see cref="Used"/>, never below zero.</summary>
    int Remaining { get; }
}
