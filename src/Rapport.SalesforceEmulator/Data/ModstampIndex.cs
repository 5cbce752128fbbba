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
        SortWithTiesByPosition(stamps, positions);
        return new ModstampIndex(stamps, positions);
    }

    private static void SortWithTiesByPosition(long[] stamps, int[] positions)
    {
        // The sort is not stable: equal stamps are put back in position order after it.
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
    }

    /// <summary>
    /// The index of a later snapshot of the same table, from <paramref name="previous"/> and the slots
    /// written since (positions are slots: no slot was emptied): the rows not written keep their
    /// order, the written and appended ones are sorted among themselves and merged in. Null when
    /// the two do not add up to the snapshot, so the caller sorts afresh.
    /// </summary>
    public static ModstampIndex? Update(ModstampIndex previous, int[] changed, RecordView[] views, FieldDefinition field)
    {
        var count = views.Length;
        var before = previous.Stamps.Length;
        if (before > count)
        {
            return null;
        }
        // One bit per slot: the old entries to drop are found without hashing a million positions.
        var moved = new ulong[(count + 63) / 64];
        var fresh = new List<int>(changed.Length);
        foreach (var slot in changed)
        {
            if ((uint)slot >= (uint)count)
            {
                return null;
            }
            if ((moved[slot >> 6] & (1UL << slot)) == 0)
            {
                moved[slot >> 6] |= 1UL << slot;
                fresh.Add(slot);
            }
        }
        var freshStamps = new long[fresh.Count];
        var freshPositions = new int[fresh.Count];
        var f = 0;
        foreach (var slot in fresh)
        {
            freshStamps[f] = SoqlValues.Instant(Rows.Get(views[slot].Row, field)) ?? long.MinValue;
            freshPositions[f++] = slot;
        }
        SortWithTiesByPosition(freshStamps, freshPositions);

        var stamps = new long[count];
        var positions = new int[count];
        int n = 0, p = 0;
        f = 0;
        while (p < before || f < freshStamps.Length)
        {
            if (p < before && (moved[previous.Positions[p] >> 6] & (1UL << previous.Positions[p])) != 0)
            {
                p++;
                continue;
            }
            var takeOld = f >= freshStamps.Length
                || (p < before && (previous.Stamps[p] < freshStamps[f] || (previous.Stamps[p] == freshStamps[f] && previous.Positions[p] < freshPositions[f])));
            if (n == count)
            {
                return null;
            }
            if (takeOld)
            {
                (stamps[n], positions[n]) = (previous.Stamps[p], previous.Positions[p]);
                p++;
            }
            else
            {
                (stamps[n], positions[n]) = (freshStamps[f], freshPositions[f]);
                f++;
            }
            n++;
        }
        return n == count ? new ModstampIndex(stamps, positions) : null;
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
