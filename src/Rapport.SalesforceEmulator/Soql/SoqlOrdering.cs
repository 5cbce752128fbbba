namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// The order of matched rows, sorted lazily: a page only needs the rows before its end in order,
/// so each request selects the next smallest rows (quickselect, linear) and sorts just those. The
/// first 2,000-row page over a million rows costs one partition pass, not a full sort.
/// Ties are broken by arrival order so pages never overlap or skip a row.
/// </summary>
internal sealed class SoqlOrdering
{
    private const int SmallRange = 16;

    private readonly int[] _order;
    private readonly SoqlSortKey[] _keys;
    private readonly Comparison<int> _compare;
    private readonly IComparer<int> _comparer;
    private readonly Lock _lock = new();
    private int _sorted;

    public SoqlOrdering(int count, SoqlSortKey[] keys)
    {
        _order = new int[count];
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }
        _keys = keys;
        _compare = Compare;
        _comparer = Comparer<int>.Create(_compare);
    }

    /// <summary>The row index at sorted position <paramref name="position"/>.</summary>
    public int this[int position]
    {
        get
        {
            EnsureSorted(position + 1);
            return _order[position];
        }
    }

    /// <summary>Puts the first <paramref name="count"/> positions in their final order.</summary>
    public void EnsureSorted(int count)
    {
        count = Math.Min(count, _order.Length);
        if (count <= Volatile.Read(ref _sorted))
        {
            return;
        }
        lock (_lock)
        {
            if (count <= _sorted)
            {
                return;
            }
            var remaining = _order.Length - _sorted;
            if (remaining <= 2 * (count - _sorted) + SmallRange)
            {
                // Most of what is left is wanted: one sort is cheaper than selecting first.
                Array.Sort(_order, _sorted, remaining, _comparer);
                Volatile.Write(ref _sorted, _order.Length);
                return;
            }
            Select(_sorted, _order.Length - 1, count - 1);
            Array.Sort(_order, _sorted, count - _sorted, _comparer);
            Volatile.Write(ref _sorted, count);
        }
    }

    private int Compare(int a, int b)
    {
        foreach (var key in _keys)
        {
            var c = key.Compare(a, b);
            if (c != 0)
            {
                return c;
            }
        }
        return a.CompareTo(b);
    }

    /// <summary>Hoare quickselect: afterwards position k holds its final element and everything before it is smaller.</summary>
    private void Select(int left, int right, int k)
    {
        var order = _order;
        while (right - left > SmallRange)
        {
            var mid = left + (right - left) / 2;
            // Median of three as the pivot keeps already-ordered input (rows arriving by date or id) linear.
            if (_compare(order[mid], order[left]) < 0)
            {
                (order[mid], order[left]) = (order[left], order[mid]);
            }
            if (_compare(order[right], order[left]) < 0)
            {
                (order[right], order[left]) = (order[left], order[right]);
            }
            if (_compare(order[right], order[mid]) < 0)
            {
                (order[right], order[mid]) = (order[mid], order[right]);
            }
            var pivot = order[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (_compare(order[i], pivot) < 0)
                {
                    i++;
                }
                while (_compare(order[j], pivot) > 0)
                {
                    j--;
                }
                if (i <= j)
                {
                    (order[i], order[j]) = (order[j], order[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
        Array.Sort(order, left, right - left + 1, _comparer);
    }
}
