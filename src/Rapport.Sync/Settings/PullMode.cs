namespace Rapport.Sync.Settings;

/// <summary>What pull does with records no profile matches.</summary>
public enum PullMode
{
    /// <summary>Seed 000's default: only profiles that already exist are updated.</summary>
    UpdateMatchedOnly = 0,
    /// <summary>Seed 001: a record without a profile creates one (and its attributes).</summary>
    CreateMissing = 1,
}
