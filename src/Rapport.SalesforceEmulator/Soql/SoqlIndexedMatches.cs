using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// The rows of a query read in an order storage already keeps (arrival, Id, or an index), found as
/// pages are asked for instead of being collected up front: the first 2,000 of a million matches cost
/// 2,000 row tests, not a million. Every <see cref="Stride"/>-th match's place is remembered, and
/// so is the last one served, so the next page (or a jump back) resumes without starting over.
/// </summary>
internal sealed class SoqlIndexedMatches
{
    /// <summary>How many matches lie between remembered places.</summary>
    public const int Stride = 256;

    private readonly Row[] _rows;
    private readonly int[]? _order;
    private readonly int _start;
    private readonly bool _reverse;
    private readonly Func<Row, bool>? _matches;
    private readonly List<int> _checkpoints = [];
    private readonly Lock _lock = new();
    private int _lastMatch = -1;
    private int _lastPlace;

    /// <param name="rows">The snapshot's rows.</param>
    /// <param name="order">Row positions in walk order (an index), or null to walk <paramref name="rows"/> itself.</param>
    /// <param name="start">The first place walked (in <paramref name="order"/>, or in <paramref name="rows"/>).</param>
    /// <param name="length">How many places are walked.</param>
    /// <param name="reverse">Walks <paramref name="rows"/> backwards from its end (no <paramref name="order"/>).</param>
    /// <param name="matches">The row test, or null when every row matches.</param>
    public SoqlIndexedMatches(Row[] rows, int[]? order, int start, int length, bool reverse, Func<Row, bool>? matches)
    {
        _rows = rows;
        _order = order;
        _start = start;
        Length = length;
        _reverse = reverse;
        _matches = matches;
    }

    /// <summary>How many places are walked.</summary>
    public int Length { get; }

    /// <summary>The row at walk place <paramref name="place"/>.</summary>
    public Row RowAt(int place) =>
        _rows[_order is not null ? _order[_start + place] : _reverse ? _start + Length - 1 - place : _start + place];

    /// <summary>Whether the row at <paramref name="place"/> belongs to the result.</summary>
    public bool Matches(int place) => _matches is null || _matches(RowAt(place));

    /// <summary>
    /// Counts matches from the start, stopping at <paramref name="limit"/>, and remembers where every
    /// <see cref="Stride"/>-th one is so that pages are found without a second pass.
    /// </summary>
    public long Count(long limit)
    {
        lock (_lock)
        {
            _checkpoints.Clear();
            long count = 0;
            for (var place = 0; place < Length && count < limit; place++)
            {
                if (!Matches(place))
                {
                    continue;
                }
                if (count % Stride == 0)
                {
                    _checkpoints.Add(place);
                }
                count++;
            }
            return count;
        }
    }

    /// <summary>The <paramref name="match"/>-th matching row (0-based); the caller knows that many exist.</summary>
    public Row Match(int match)
    {
        lock (_lock)
        {
            // Resume from the nearest remembered place, or from the last match served when that is
            // nearer (pages are read in order); "found matches lie before place" holds for both.
            int found = 0, place = 0;
            if (_checkpoints.Count > 0)
            {
                var known = Math.Min(match / Stride, _checkpoints.Count - 1);
                (found, place) = (known * Stride, _checkpoints[known]);
            }
            if (_lastMatch >= found && _lastMatch <= match)
            {
                (found, place) = (_lastMatch, _lastPlace);
            }
            for (; place < Length; place++)
            {
                if (!Matches(place))
                {
                    continue;
                }
                if (found % Stride == 0 && found / Stride == _checkpoints.Count)
                {
                    _checkpoints.Add(place);
                }
                if (found == match)
                {
                    (_lastMatch, _lastPlace) = (found, place);
                    return RowAt(place);
                }
                found++;
            }
            throw new ArgumentOutOfRangeException(nameof(match), match, "No such match in this result.");
        }
    }
}
