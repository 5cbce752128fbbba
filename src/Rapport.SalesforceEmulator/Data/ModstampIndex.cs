using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Positions of a snapshot's rows sorted by SystemModstamp, ties in position order (which is Id
/// order when ids were issued in sequence). Kept as two flat arrays so a range search and a walk in
/// order touch no row. A row without a stamp sorts first, as SOQL puts nulls first in ascending order.
/// </summary>
internal sealed class ModstampIndex
{
    private ModstampIndex(long[] stamps, int[] positions)
    {
        Stamps = stamps;
        Positions = positions;
    }

    /// <summary>UTC ticks in ascending order; <see cref="long.MinValue"/> for a row without a stamp.</summary>
    public long[] Stamps { get; }

    /// <summary>The snapshot position of the row at each place in the order.</summary>
    public int[] Positions { get; }

    public static ModstampIndex Build(RecordView[] views, FieldDefinition field)
    {
        var stamps = new long[views.Length];
        var positions = new int[views.Length];
        for (var i = 0; i < views.Length; i++)
        {
            stamps[i] = SoqlValues.Instant(Rows.Get(views[i].Row, field)) ?? long.MinValue;
            positions[i] = i;
        }
        // Positions start ascending, but the sort is not stable: equal stamps are put back in position order after it.
        Array.Sort(stamps, positions);
        for (var start = 0; start < stamps.Length;)
        {
            var end = start + 1;
            while (end < stamps.Length && stamps[end] == stamps[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(positions, start, end - start);
            }
            start = end;
        }
        return new ModstampIndex(stamps, positions);
    }

    /// <summary>The first place whose stamp is at least <paramref name="ticks"/>.</summary>
    public int LowerBound(long ticks)
    {
        int low = 0, high = Stamps.Length;
        while (low < high)
        {
            var mid = low + ((high - low) >> 1);
            if (Stamps[mid] < ticks)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /// <summary>The first place whose stamp is after <paramref name="ticks"/>.</summary>
    public int UpperBound(long ticks) => ticks == long.MaxValue ? Stamps.Length : LowerBound(ticks + 1);
}
