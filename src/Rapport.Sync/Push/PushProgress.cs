namespace Rapport.Sync.Push;

/// <summary>
/// Tracks which profiles of a pass are fully handled, in cursor order, so the cursor only ever
/// moves past a profile once it and every profile before it are done. A profile that failed
/// transiently is never marked done: the cursor stays before it and the next run looks again
/// (the journal keeps the profiles after it from being sent twice).
/// </summary>
internal sealed class PushProgress(PushPosition start)
{
    private readonly List<Entry> _entries = [];
    private int _head;

    public PushPosition Safe { get; private set; } = start;

    /// <summary>Adds the next profile in cursor order.</summary>
    public Entry Add(PushPosition position)
    {
        var entry = new Entry(position);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Moves <see cref="Safe"/> over the done prefix; returns whether it moved.</summary>
    public bool Advance()
    {
        var moved = false;
        while (_head < _entries.Count && _entries[_head].Done)
        {
            Safe = _entries[_head].Position;
            _head++;
            moved = true;
        }
        if (_head > 4096)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }
        return moved;
    }

    /// <summary>One profile of the pass.</summary>
    internal sealed class Entry(PushPosition position)
    {
        public PushPosition Position { get; } = position;
        public bool Done { get; set; }
    }
}
