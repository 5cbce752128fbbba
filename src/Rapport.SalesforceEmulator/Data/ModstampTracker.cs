namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Remembers which slots of a table changed since its last published <see cref="ModstampIndex"/>,
/// so the index of a later snapshot is that index with those slots moved (a merge) instead of a
/// fresh sort of every row: a sync's pull right after its own pushes then costs a pass over the
/// index, not a million-row sort. Writers record changes under the org lock; a snapshot's index is
/// published back from whichever query thread built it, hence a lock of its own.
/// </summary>
internal sealed class ModstampTracker
{
    // Beyond this many changes (or an eighth of the table) a full sort is as cheap as a merge.
    private const int MinimumChangeBudget = 4096;

    private readonly Lock _lock = new();
    private readonly List<int> _changed = [];
    private ModstampIndex? _published;
    private long _epoch;

    /// <summary>What a snapshot needs to update the published index: the index, the slots changed since, and the epoch they belong to.</summary>
    public sealed record Capture(ModstampIndex? Published, int[] Changed, long Epoch);

    /// <summary>Records that <paramref name="slot"/> was written; <paramref name="rowCount"/> is the table's slot count.</summary>
    public void Changed(int slot, int rowCount)
    {
        lock (_lock)
        {
            if (_changed.Count >= Math.Max(MinimumChangeBudget, rowCount / 8))
            {
                // Too many to merge: the next index is sorted afresh, and nothing before this point is needed.
                _published = null;
                _changed.Clear();
                _epoch++;
            }
            _changed.Add(slot);
        }
    }

    /// <summary>Forgets everything (the table was emptied).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _published = null;
            _changed.Clear();
            _epoch++;
        }
    }

    /// <summary>Taken with the snapshot, under the org lock, so the changes are exactly those before it.</summary>
    public Capture Take()
    {
        lock (_lock)
        {
            return new Capture(_published, [.. _changed], _epoch);
        }
    }

    /// <summary>
    /// Makes <paramref name="index"/> (built for the snapshot that took <paramref name="capture"/>)
    /// the base for later snapshots, keeping only the changes made after that snapshot. Ignored when
    /// the changes since were dropped, or a newer index was published.
    /// </summary>
    public void Publish(Capture capture, ModstampIndex index)
    {
        lock (_lock)
        {
            if (capture.Epoch != _epoch || _published != capture.Published || _changed.Count < capture.Changed.Length)
            {
                return;
            }
            _published = index;
            _changed.RemoveRange(0, capture.Changed.Length);
        }
    }
}
