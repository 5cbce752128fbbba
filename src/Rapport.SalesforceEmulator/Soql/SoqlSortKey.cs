namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// One ORDER BY key's values for all matched rows, read once and stored in a typed array so that
/// sorting compares longs, doubles or strings instead of boxed objects. Nulls go first or last as
/// the key says, whatever the direction.
/// </summary>
internal abstract class SoqlSortKey
{
    public static SoqlSortKey Create(SoqlValueCategory category, bool descending, bool nullsLast) => category switch
    {
        SoqlValueCategory.Text => new Typed<string>(v => SoqlValues.Text(v) is { } s ? (true, s) : (false, ""), StringComparer.OrdinalIgnoreCase, descending, nullsLast),
        SoqlValueCategory.Id => new Typed<string>(v => SoqlValues.Text(v) is { } s ? (true, s) : (false, ""), StringComparer.Ordinal, descending, nullsLast),
        SoqlValueCategory.Boolean => new Typed<long>(v => SoqlValues.Boolean(v) is { } b ? (true, b ? 1 : 0) : (false, 0), Comparer<long>.Default, descending, nullsLast),
        SoqlValueCategory.Number => new Typed<double>(v => SoqlValues.Number(v) is { } d ? (true, d) : (false, 0), Comparer<double>.Default, descending, nullsLast),
        SoqlValueCategory.Date => new Typed<long>(v => SoqlValues.Day(v) is { } d ? (true, d) : (false, 0), Comparer<long>.Default, descending, nullsLast),
        _ => new Typed<long>(v => SoqlValues.Instant(v) is { } t ? (true, t) : (false, 0), Comparer<long>.Default, descending, nullsLast),
    };

    public abstract void Add(object? value);

    /// <summary>Orders the values added as the <paramref name="a"/>-th and <paramref name="b"/>-th.</summary>
    public abstract int Compare(int a, int b);

    private sealed class Typed<T>(Func<object?, (bool HasValue, T Value)> read, IComparer<T> comparer, bool descending, bool nullsLast) : SoqlSortKey
    {
        private readonly List<T> _values = [];
        private readonly List<bool> _present = [];

        public override void Add(object? value)
        {
            var (hasValue, typed) = read(value);
            _values.Add(typed);
            _present.Add(hasValue);
        }

        public override int Compare(int a, int b)
        {
            bool hasA = _present[a], hasB = _present[b];
            if (!hasA || !hasB)
            {
                return hasA == hasB ? 0 : (hasA ? -1 : 1) * (nullsLast ? 1 : -1);
            }
            var c = comparer.Compare(_values[a], _values[b]);
            return descending ? -c : c;
        }
    }
}
