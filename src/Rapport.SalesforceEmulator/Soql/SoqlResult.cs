using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// The answer to a query: its size and its rows in order, after OFFSET and LIMIT. Rows are projected
/// when asked for, so a result over a million rows can be kept behind a query locator and served a
/// page at a time; parents are looked up at that moment.
/// </summary>
public sealed class SoqlResult
{
    private readonly IReadOnlyList<Row> _rows;
    private readonly IReadOnlyList<int>? _positions;
    private readonly SoqlOrdering? _ordering;
    private readonly int _offset;
    private readonly SoqlProjection _projection;
    private readonly Func<Row, object?>[] _readers;
    private readonly SoqlRecord? _aggregate;
    private readonly SoqlIndexedMatches? _inOrder;

    internal SoqlResult(
        SoqlPreparedQuery query,
        int totalSize,
        IReadOnlyList<Row> rows,
        IReadOnlyList<int>? positions,
        SoqlOrdering? ordering,
        int offset,
        SoqlParentResolver parents,
        SoqlRecord? aggregate)
    {
        Query = query;
        TotalSize = totalSize;
        _rows = rows;
        _positions = positions;
        _ordering = ordering;
        _offset = offset;
        _aggregate = aggregate;
        _projection = new SoqlProjection(query.Columns, parents);
        _readers = query.Columns.Select(c => SoqlAccessors.For(c, parents)).ToArray();
        RecordCount = query.IsCount ? 0 : totalSize;
    }

    /// <summary>A result whose rows are found in storage order as they are read (<see cref="SoqlExecutor.ExecuteInOrder"/>).</summary>
    internal SoqlResult(SoqlPreparedQuery query, int totalSize, SoqlIndexedMatches inOrder, int offset, SoqlParentResolver parents)
        : this(query, totalSize, [], null, null, offset, parents, aggregate: null)
    {
        _inOrder = inOrder;
    }

    /// <summary>The prepared query this answers.</summary>
    public SoqlPreparedQuery Query { get; }

    /// <summary>
    /// <c>totalSize</c>: the number of rows the query returns (after OFFSET and LIMIT), or the count
    /// for <c>SELECT COUNT()</c>.
    /// </summary>
    public int TotalSize { get; }

    /// <summary>How many records <see cref="GetRecord"/> serves: 0 for <c>COUNT()</c>, else <see cref="TotalSize"/>.</summary>
    public int RecordCount { get; }

    /// <summary>The selected columns, with canonical paths, in select-list order.</summary>
    public IReadOnlyList<SoqlColumn> Columns => Query.Columns;

    /// <summary>The record at <paramref name="index"/> (0-based, after OFFSET), shaped for JSON rendering.</summary>
    public SoqlRecord GetRecord(int index)
    {
        if (_aggregate is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(index, 0);
            return _aggregate;
        }
        return _projection.Project(GetRow(index), Query.ObjectName);
    }

    /// <summary>Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>, clipped to the result.</summary>
    public IReadOnlyList<SoqlRecord> GetRecords(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = (int)Math.Min((long)start + count, RecordCount);
        if (start >= end)
        {
            return [];
        }
        _ordering?.EnsureSorted(_offset + end);
        var records = new SoqlRecord[end - start];
        for (var i = start; i < end; i++)
        {
            records[i - start] = GetRecord(i);
        }
        return records;
    }

    /// <summary>The selected values of one record, flat and aligned with <see cref="Columns"/> (for CSV).</summary>
    public IReadOnlyList<object?> GetValues(int index)
    {
        var row = GetRow(index);
        var values = new object?[_readers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _readers[i](row);
        }
        return values;
    }

    /// <summary>The stored row behind the record at <paramref name="index"/>.</summary>
    public IReadOnlyDictionary<string, object?> GetRow(int index)
    {
        if (_aggregate is not null || (uint)index >= (uint)RecordCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "No such row in this result.");
        }
        var position = _offset + index;
        if (_inOrder is not null)
        {
            return _inOrder.Match(position);
        }
        var match = _ordering is null ? position : _ordering[position];
        return _rows[_positions is null ? match : _positions[match]];
    }
}
