namespace Rapport.Sync.Runs;

/// <summary>What started a run; stored on the run row.</summary>
public static class SyncTriggers
{
    /// <summary>Synchronize now: the admin API, the console or <c>rapport sync now</c>. Runs on a paused connection too.</summary>
    public const string Manual = "manual";
    /// <summary>The first full run of an active connection (started by unpausing, retried at the interval until it completes).</summary>
    public const string Initial = "initial";
    public const string Nightly = "nightly";
    public const string Interval = "interval";

    /// <summary>Whether the trigger is a schedule's, which needs an active connection whose initial run completed.</summary>
    public static bool IsScheduled(string trigger) => trigger is Nightly or Interval;
}
