using Quartz;

namespace Rapport.Sync.Scheduling;

/// <summary>Quartz keys: one job per connection, one trigger per kind (nightly, interval, initial).</summary>
public static class SyncScheduleKeys
{
    public const string Group = "rapport-sync";

    public static JobKey Job(string connectionId) => new(connectionId, Group);

    public static TriggerKey Trigger(string connectionId, string kind) => new(connectionId + "." + kind, Group);
}
