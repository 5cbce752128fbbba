namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// One ORDER BY key's values for all matched rows, read once into flat arrays so that sorting a
/// million rows compares numbers held next to each other instead of chasing boxed values and string
/// objects scattered over the heap. Nulls go first or last as the key says, whatever the direction.
/// </summary>
internal abstract class SoqlSortKey
{
    private const int MinimumCapacity = 16;

    private bool[] _present;

    private SoqlSortKey(int capacity)
    {
        _present = new bool[capacity];
    }

    protected int Count { get; private set; }

    /// <summary>A key for <paramref name="expectedRows"/> values (a hint: it grows when more come).</summary>
    public static SoqlSortKey Create(SoqlValueCategory category, bool descending, bool nullsLast, int expectedRows)
    {
        // Sized up front when the row count is known: growing million-entry arrays by doubling costs
        // more than the sort itself.
        var capacity = Math.Max(MinimumCapacity, expectedRows);
        return category switch
        {
            SoqlValueCategory.Text => new TextKey(ignoreCase: true, descending, nullsLast, capacity),
            SoqlValueCategory.Id => new TextKey(ignoreCase: false, descending, nullsLast, capacity),
            SoqlValueCategory.Number => new DoubleKey(descending, nullsLast, capacity),
            SoqlValueCategory.Boolean => new LongKey(v => SoqlValues.Boolean(v) is { } b ? (b ? 1 : 0) : null, descending, nullsLast, capacity),
            SoqlValueCategory.Date => new LongKey(SoqlValues.Day, descending, nullsLast, capacity),
            _ => new LongKey(SoqlValues.Instant, descending, nullsLast, capacity),
        };
    }

    public void Add(object? value)
    {
        if (Count == _present.Length)
        {
            Array.Resize(ref _present, Count * 2);
            Grow(Count * 2);
        }
        _present[Count] = Store(Count, value);
        Count++;
    }

    /// <summary>Orders the values added as the <paramref name="a"/>-th and <paramref name="b"/>-th.</summary>
    public int Compare(int a, int b)
    {
        bool hasA = _present[a], hasB = _present[b];
        if (hasA && hasB)
        {
            return CompareValues(a, b);
        }
        return hasA == hasB ? 0 : (hasA ? -1 : 1) * (NullsLast ? 1 : -1);
    }

    protected abstract bool NullsLast { get; }

    protected abstract void Grow(int capacity);

    /// <summary>Stores the value at <paramref name="index"/>; false when it is null.</summary>
    protected abstract bool Store(int index, object? value);

    /// <summary>Compares two present values, direction applied.</summary>
    protected abstract int CompareValues(int a, int b);

    private sealed class LongKey(Func<object?, long?> read, bool descending, bool nullsLast, int capacity) : SoqlSortKey(capacity)
    {
        private long[] _values = new long[capacity];

        protected override bool NullsLast => nullsLast;

        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);

        protected override bool Store(int index, object? value)
        {
            if (read(value) is not { } v)
            {
                return false;
            }
            _values[index] = v;
            return true;
        }

        protected override int CompareValues(int a, int b)
        {
            var c = _values[a].CompareTo(_values[b]);
            return descending ? -c : c;
        }
    }

    private sealed class DoubleKey(bool descending, bool nullsLast, int capacity) : SoqlSortKey(capacity)
    {
        private double[] _values = new double[capacity];

        protected override bool NullsLast => nullsLast;

        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);

        protected override bool Store(int index, object? value)
        {
            if (SoqlValues.Number(value) is not { } v)
            {
                return false;
            }
            _values[index] = v;
            return true;
        }

        protected override int CompareValues(int a, int b)
        {
            var c = _values[a].CompareTo(_values[b]);
            return descending ? -c : c;
        }
    }

    /// <summary>
    /// Text and ids: the first 16 characters packed into two integers decide almost every comparison;
    /// only equal prefixes fall back to comparing the strings. A character that does not fit a byte
    /// (after upper-casing, for text) ends the packing with a marker, so packed order never disagrees
    /// with string order.
    /// </summary>
    private sealed class TextKey(bool ignoreCase, bool descending, bool nullsLast, int capacity) : SoqlSortKey(capacity)
    {
        private const int PackedChars = 16;
        private const ulong Marker = 0xFF;

        private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        private ulong[] _high = new ulong[capacity];
        private ulong[] _low = new ulong[capacity];
        private string[] _values = new string[capacity];

        protected override bool NullsLast => nullsLast;

        protected override void Grow(int capacity)
        {
            Array.Resize(ref _high, capacity);
            Array.Resize(ref _low, capacity);
            Array.Resize(ref _values, capacity);
        }

        protected override bool Store(int index, object? value)
        {
            if (SoqlValues.Text(value) is not { } text)
            {
                return false;
            }
            _values[index] = text;
            ulong high = 0, low = 0;
            var stopped = false;
            for (var i = 0; i < PackedChars; i++)
            {
                ulong packed = 0;
                if (!stopped && i < text.Length)
                {
                    var c = ignoreCase ? char.ToUpperInvariant(text[i]) : text[i];
                    packed = c < Marker ? c : Marker;
                    stopped = c >= Marker;
                }
                if (i < 8)
                {
                    high = (high << 8) | packed;
                }
                else
                {
                    low = (low << 8) | packed;
                }
            }
            _high[index] = high;
            _low[index] = low;
            return true;
        }

        protected override int CompareValues(int a, int b)
        {
            var c = _high[a].CompareTo(_high[b]);
            if (c == 0)
            {
                c = _low[a].CompareTo(_low[b]);
                if (c == 0)
                {
                    c = string.Compare(_values[a], _values[b], _comparison);
                }
            }
            return descending ? -c : c;
        }
    }
}
