namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// The records of one sObject. Rows are <c>object?[]</c> indexed by field ordinal and never
/// mutated after publication: an update stores a changed copy in the same slot, so a query can scan
/// a snapshot (<see cref="Snapshot"/>) without holding the org lock while writers carry on. A
/// compact row per record (rather than a dictionary) keeps a million contacts well under the
/// memory target. All mutation happens under <see cref="OrgStore"/>'s lock.
/// </summary>
internal sealed class ObjectTable
{
    private readonly Dictionary<string, int> _slotsById = new(StringComparer.Ordinal);
    private readonly Dictionary<FieldDefinition, Dictionary<string, List<int>>> _keyIndexes = [];
    private object?[]?[] _rows = new object?[]?[64];
    // The SOQL wrapper of each slot's row, kept beside it so a query after a write copies
    // references instead of allocating a million wrappers again.
    private RecordView?[] _viewSlots = new RecordView?[64];
    private int _count;
    private long _version;
    private TableSnapshot? _snapshot;
    // Kept up to date by writers so a snapshot costs one array copy: rows not deleted, slots
    // emptied by a rollback or hard delete, and whether every id appended so far was greater than
    // the one before (ids are issued from a sequence, so only preset ids can break it).
    private int _liveCount;
    private int _emptySlots;
    private bool _idOrdered = true;
    private string? _lastId;
    private readonly ModstampTracker _modstamps = new();

    public ObjectTable(ObjectDefinition definition)
    {
        Definition = definition;
        foreach (var field in definition.Fields)
        {
            if (field.ExternalId || field.Unique)
            {
                _keyIndexes[field] = new(StringComparer.Ordinal);
            }
        }
    }

    public ObjectDefinition Definition { get; }

    /// <summary>The next sequence number for new ids.</summary>
    public long NextSequence { get; set; } = 1;

    /// <summary>Number of live rows including soft-deleted ones.</summary>
    public int RowCount { get; private set; }

    /// <summary>The rows published so far; slots of rolled-back inserts hold null.</summary>
    public (object?[]?[] Rows, int Count) Snapshot()
    {
        var count = Volatile.Read(ref _count);
        return (Volatile.Read(ref _rows), count);
    }

    /// <summary>The rows wrapped for the SOQL engine, reused until the table changes (see <see cref="TakeSnapshot"/>).</summary>
    public TableSnapshot? CachedSnapshot
    {
        get
        {
            var cached = Volatile.Read(ref _snapshot);
            return cached is not null && cached.Version == Interlocked.Read(ref _version) ? cached : null;
        }
    }

    /// <summary>
    /// The current snapshot; the caller holds the org lock so no write is half done. Queries over a
    /// million rows then neither allocate a million wrappers nor count rows again until the table changes.
    /// </summary>
    public TableSnapshot TakeSnapshot()
    {
        if (CachedSnapshot is { } cached)
        {
            return cached;
        }
        var count = _count;
        RecordView[] views;
        if (_emptySlots == 0)
        {
            views = new RecordView[count];
            Array.Copy(_viewSlots, views, count);
        }
        else
        {
            var list = new List<RecordView>(count);
            for (var i = 0; i < count; i++)
            {
                if (_viewSlots[i] is { } view)
                {
                    list.Add(view);
                }
            }
            views = [.. list];
        }
        var snapshot = new TableSnapshot(Interlocked.Read(ref _version), Definition, views, _liveCount, _idOrdered,
            _emptySlots == 0 ? _modstamps : null, _emptySlots == 0 ? _modstamps.Take() : null);
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    public object?[]? Find(string id18) =>
        _slotsById.TryGetValue(id18, out var slot) ? _rows[slot] : null;

    public int SlotOf(string id18) => _slotsById.TryGetValue(id18, out var slot) ? slot : -1;

    public object?[]? RowAt(int slot) => _rows[slot];

    public int Append(object?[] row)
    {
        if (_count == _rows.Length)
        {
            Grow(_rows.Length * 2);
        }
        var slot = _count;
        _rows[slot] = row;
        Volatile.Write(ref _viewSlots[slot], new RecordView(Definition, row));
        var id = (string)row[0]!;
        _slotsById[id] = slot;
        if (_lastId is not null && string.CompareOrdinal(_lastId, id) >= 0)
        {
            _idOrdered = false;
        }
        _lastId = id;
        IndexKeys(slot, row, add: true);
        RowCount++;
        CountLive(row, 1);
        _modstamps.Changed(slot, slot + 1);
        Volatile.Write(ref _count, slot + 1);
        Interlocked.Increment(ref _version);
        return slot;
    }

    public void Replace(int slot, object?[]? row)
    {
        var old = _rows[slot];
        if (old is not null)
        {
            IndexKeys(slot, old, add: false);
            CountLive(old, -1);
            if (row is null)
            {
                _slotsById.Remove((string)old[0]!);
                RowCount--;
                _emptySlots++;
            }
        }
        else if (row is not null)
        {
            _slotsById[(string)row[0]!] = slot;
            RowCount++;
            _emptySlots--;
        }
        if (row is not null)
        {
            CountLive(row, 1);
        }
        _modstamps.Changed(slot, _count);
        if (row is not null)
        {
            IndexKeys(slot, row, add: true);
        }
        Volatile.Write(ref _rows[slot], row);
        Volatile.Write(ref _viewSlots[slot], row is null ? null : new RecordView(Definition, row));
        Interlocked.Increment(ref _version);
    }

    /// <summary>Starts indexing a field that just became an external id or unique.</summary>
    public void AddKeyIndex(FieldDefinition field)
    {
        if (_keyIndexes.ContainsKey(field))
        {
            return;
        }
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        _keyIndexes[field] = index;
        for (var slot = 0; slot < _count; slot++)
        {
            if (_rows[slot] is { } row && KeyOf(field, row) is { } key)
            {
                Add(index, key, slot);
            }
        }
    }

    /// <summary>Slots whose value of an indexed field equals <paramref name="value"/> (case rules of the field).</summary>
    public IReadOnlyList<int>? Lookup(FieldDefinition field, object value)
    {
        if (!_keyIndexes.TryGetValue(field, out var index))
        {
            return null;
        }
        var key = Normalize(field, value);
        return index.TryGetValue(key, out var slots) ? slots : [];
    }

    public bool HasKeyIndex(FieldDefinition field) => _keyIndexes.ContainsKey(field);

    public void Clear()
    {
        _slotsById.Clear();
        foreach (var index in _keyIndexes.Values)
        {
            index.Clear();
        }
        Volatile.Write(ref _rows, new object?[]?[64]);
        Volatile.Write(ref _viewSlots, new RecordView?[64]);
        Volatile.Write(ref _count, 0);
        RowCount = 0;
        _liveCount = 0;
        _emptySlots = 0;
        _idOrdered = true;
        _lastId = null;
        _modstamps.Reset();
        NextSequence = 1;
        Interlocked.Increment(ref _version);
    }

    public void EnsureCapacity(int additional)
    {
        if (_count + additional > _rows.Length)
        {
            Grow(Math.Max(_rows.Length * 2, _count + additional));
        }
    }

    private void Grow(int capacity)
    {
        var grown = new object?[]?[capacity];
        Array.Copy(_rows, grown, _count);
        var grownViews = new RecordView?[capacity];
        Array.Copy(_viewSlots, grownViews, _count);
        // Views first: a reader that sees the new row array also finds the views beside it.
        Volatile.Write(ref _viewSlots, grownViews);
        Volatile.Write(ref _rows, grown);
    }

    private void CountLive(object?[] row, int delta)
    {
        if (!Rows.IsDeleted(row, Definition))
        {
            _liveCount += delta;
        }
    }

    private void IndexKeys(int slot, object?[] row, bool add)
    {
        foreach (var (field, index) in _keyIndexes)
        {
            if (KeyOf(field, row) is not { } key)
            {
                continue;
            }
            if (add)
            {
                Add(index, key, slot);
            }
            else if (index.TryGetValue(key, out var slots))
            {
                slots.Remove(slot);
                if (slots.Count == 0)
                {
                    index.Remove(key);
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int slot)
    {
        if (!index.TryGetValue(key, out var slots))
        {
            index[key] = slots = new List<int>(1);
        }
        slots.Add(slot);
    }

    private static string? KeyOf(FieldDefinition field, object?[] row) =>
        field.Ordinal < row.Length && row[field.Ordinal] is { } value ? Normalize(field, value) : null;

    // External ids match case-insensitively unless the field is marked case-sensitive (Object Reference, "External ID").
    private static string Normalize(FieldDefinition field, object value)
    {
        var text = FieldValues.ToInvariantString(value);
        return field.CaseSensitive ? text : text.ToUpperInvariant();
    }
}
