namespace Rapport.Sync.Conflicts;

/// <summary>
/// Two-way fields: the later change wins, by each side's own per-field change time; equal values
/// are no change whatever their times. A tie in time keeps the CRM's value, since the CRM is the
/// system of record people edit by hand.
/// </summary>
public static class TwoWayFieldResolver
{
    public static FieldSyncAction Resolve(FieldSide local, FieldSide remote)
    {
        if (string.Equals(local.Value, remote.Value, StringComparison.Ordinal))
        {
            return FieldSyncAction.None;
        }
        return local.ChangedAt > remote.ChangedAt ? FieldSyncAction.Push : FieldSyncAction.Pull;
    }
}
