using System.Globalization;

namespace Rapport.Sync.Runs;

/// <summary>
/// Timing of the run lease, bound from <c>Rapport:Sync</c> (<c>HeartbeatSeconds</c>,
/// <c>StaleAfterSeconds</c>) by <c>rapport serve</c> and <c>rapport sync</c> alike, so a CLI and a
/// server on one database agree on when a run is dead.
/// </summary>
public sealed class SyncRunnerOptions
{
    /// <summary>How often, in seconds, a running run touches its row's HeartbeatAt.</summary>
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// After how many seconds without a heartbeat a Running row is taken to belong to a process that
    /// died: the next run closes it as Interrupted and resumes from the checkpoint. Until then a run
    /// of that connection is refused as already running.
    /// </summary>
    public double StaleAfterSeconds { get; set; } = 60;

    /// <summary><see cref="HeartbeatSeconds"/> as a time span.</summary>
    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatSeconds);

    /// <summary><see cref="StaleAfterSeconds"/> as a time span.</summary>
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);

    /// <summary>Longer would leave a crashed run blocking its connection for more than a day.</summary>
    public const double MaxSeconds = 86_400;

    /// <summary>What is wrong with the settings, naming the keys under <paramref name="section"/>; null when they are usable.</summary>
    public string? Validate(string section)
    {
        if (!double.IsFinite(HeartbeatSeconds) || HeartbeatSeconds <= 0)
        {
            return $"{section}:HeartbeatSeconds must be a number of seconds greater than 0 (it is {Show(HeartbeatSeconds)}).";
        }
        if (StaleAfterSeconds > MaxSeconds)
        {
            return $"{section}:StaleAfterSeconds must be at most {Show(MaxSeconds)} (one day; it is {Show(StaleAfterSeconds)}).";
        }
        // A heartbeat that is late once (a slow database write, a GC pause) must not get a live run
        // closed and a second run started beside it.
        if (!double.IsFinite(StaleAfterSeconds) || StaleAfterSeconds <= 2 * HeartbeatSeconds)
        {
            return $"{section}:StaleAfterSeconds must be more than twice {section}:HeartbeatSeconds " +
                $"(it is {Show(StaleAfterSeconds)} with a heartbeat every {Show(HeartbeatSeconds)} s), so one late heartbeat does not end a live run.";
        }
        return null;
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
