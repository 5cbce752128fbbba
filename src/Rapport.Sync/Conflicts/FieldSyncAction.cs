namespace Rapport.Sync.Conflicts;

/// <summary>What to do with a two-way field.</summary>
public enum FieldSyncAction
{
    /// <summary>Both sides agree (or nothing changed since the last sync).</summary>
    None,
    /// <summary>Rapport's value is newer: write it to the CRM.</summary>
    Push,
    /// <summary>The CRM's value is newer: take it into the profile.</summary>
    Pull,
}
