using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Runs SOQL over rows supplied by the caller. It knows nothing of HTTP or storage: the caller
/// parses (<see cref="SoqlParser.Parse"/>), prepares against its schema, may narrow the rows with
/// <see cref="SoqlPreparedQuery.IndexHints"/>, and renders the <see cref="SoqlResult"/>.
/// </summary>
public static class SoqlExecutor
{
    /// <summary>Checks the query against the schema; throws <see cref="SoqlException"/> (INVALID_TYPE, INVALID_FIELD …).</summary>
    public static SoqlPreparedQuery Prepare(SoqlQuery query, ISoqlSchema schema)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schema);
        return SoqlBinder.Bind(query, schema);
    }

    /// <summary>Prepares and runs a query in one call.</summary>
    public static SoqlResult Execute(
        SoqlQuery query,
        ISoqlSchema schema,
        IEnumerable<Row> rows,
        SoqlParentResolver parents,
        TimeProvider clock,
        SoqlExecutionOptions? options = null) =>
        Execute(Prepare(query, schema), rows, parents, clock, options);

    /// <summary>
    /// Runs a prepared query over <paramref name="rows"/> (rows of the FROM object keyed by canonical
    /// field names, in the order unsorted results should come). Date literals resolve against
    /// <paramref name="clock"/>'s UTC date.
    /// </summary>
    /// <remarks>
    /// When <paramref name="rows"/> is an <see cref="IReadOnlyList{T}"/> the result keeps it and reads
    /// later pages from it, so pass a list that will not change (a snapshot); any other sequence is
    /// enumerated once and the matching rows are copied.
    /// </remarks>
    public static SoqlResult Execute(
        SoqlPreparedQuery prepared,
        IEnumerable<Row> rows,
        SoqlParentResolver parents,
        TimeProvider clock,
        SoqlExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= SoqlExecutionOptions.Default;

        var query = prepared.Query;
        var matcher = Matcher(prepared, parents, clock, options);
        var offset = query.Offset ?? 0;
        // Without ORDER BY the rows after OFFSET + LIMIT can never be returned, so the scan stops there.
        var wanted = query.Limit is { } limit ? (long)offset + limit : long.MaxValue;

        if (prepared.IsAggregate)
        {
            return Aggregate(prepared, rows, parents, Matches, offset, query.Limit);
        }

        var ordered = prepared.OrderBy.Count > 0 && !prepared.IsCount;
        var expected = rows.TryGetNonEnumeratedCount(out var known) ? known : 0;
        if (!ordered)
        {
            expected = (int)Math.Min(expected, wanted);
        }
        // From a list, matches are kept as positions: half the memory of references, and no GC
        // bookkeeping for a million-entry array of pointers.
        var source = rows as IReadOnlyList<Row>;
        var positions = source is not null && !prepared.IsCount ? new List<int>(expected) : null;
        var matched = source is null && !prepared.IsCount ? new List<Row>(expected) : null;
        SoqlSortKey[] keys = [];
        Func<Row, object?>[] readers = [];
        if (ordered)
        {
            keys = prepared.OrderBy.Select(o => SoqlSortKey.Create(o.Column.Category, o.Key.Descending, o.Key.NullsLast, expected)).ToArray();
            readers = prepared.OrderBy.Select(o => SoqlAccessors.For(o.Column, parents)).ToArray();
        }
        var count = 0L;
        if (source is not null)
        {
            for (var i = 0; i < source.Count && Take(source[i], i); i++)
            {
            }
        }
        else
        {
            foreach (var row in rows)
            {
                if (!Take(row, 0))
                {
                    break;
                }
            }
        }

        var total = (int)Math.Clamp(count - offset, 0, query.Limit ?? int.MaxValue);
        var store = source ?? matched ?? [];
        var ordering = ordered ? new SoqlOrdering(positions?.Count ?? matched!.Count, keys) : null;
        return new SoqlResult(prepared, total, store, positions, ordering, offset, parents, aggregate: null);

        // Records one row; false once nothing after it can be returned.
        bool Take(Row row, int index)
        {
            if (!Matches(row))
            {
                return true;
            }
            count++;
            if (prepared.IsCount)
            {
                return count < wanted;
            }
            if (positions is not null)
            {
                positions.Add(index);
            }
            else
            {
                matched!.Add(row);
            }
            if (!ordered)
            {
                return count < wanted;
            }
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k].Add(readers[k](row));
            }
            return true;
        }

        bool Matches(Row row) => matcher is null || matcher(row);
    }

    /// <summary>
    /// Runs a prepared query over rows already in the query's order (arrival order, Id order, or an
    /// index such as SystemModstamp's): matches are found as pages are read rather than collected and
    /// sorted up front. The caller has checked that the order is the one ORDER BY asks for.
    /// </summary>
    /// <param name="prepared">A non-aggregate query.</param>
    /// <param name="walk">Rows in order; its row test is set here from the query.</param>
    /// <param name="liveCount">
    /// When the walk covers every row, how many are not deleted: with no WHERE clause this is the
    /// count, and no row is tested until a page is read.
    /// </param>
    /// <param name="parents">Resolves parent records for relationship fields.</param>
    /// <param name="clock">Resolves date literals.</param>
    /// <param name="options">Whether deleted rows are included.</param>
    internal static SoqlResult ExecuteInOrder(
        SoqlPreparedQuery prepared,
        Func<Func<Row, bool>?, SoqlIndexedMatches> walk,
        int? liveCount,
        SoqlParentResolver parents,
        TimeProvider clock,
        SoqlExecutionOptions options)
    {
        var query = prepared.Query;
        var matches = walk(Matcher(prepared, parents, clock, options));
        var offset = query.Offset ?? 0;
        var wanted = query.Limit is { } limit ? (long)offset + limit : long.MaxValue;
        long? known = query.Where is not null ? null : options.IncludeDeleted ? matches.Length : liveCount;
        var count = known is { } k ? Math.Min(k, wanted) : matches.Count(wanted);
        var total = (int)Math.Clamp(count - offset, 0, query.Limit ?? int.MaxValue);
        return new SoqlResult(prepared, total, matches, offset, parents);
    }

    /// <summary>The row test for a query: not deleted (unless deleted rows are included) and the WHERE clause; null when every row passes.</summary>
    private static Func<Row, bool>? Matcher(SoqlPreparedQuery prepared, SoqlParentResolver parents, TimeProvider clock, SoqlExecutionOptions options)
    {
        var query = prepared.Query;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var where = query.Where is null ? null : SoqlPredicateCompiler.Compile(query.Where, prepared, parents, today);
        // Rows without an IsDeleted field in the schema are still checked by name, in case storage keeps it anyway.
        Func<Row, object?>? isDeleted = options.IncludeDeleted
            ? null
            : SoqlAccessors.For(prepared.IsDeletedField ?? new SoqlFieldInfo("IsDeleted", SoqlFieldType.Boolean));
        if (isDeleted is null)
        {
            return where;
        }
        if (where is null)
        {
            return row => isDeleted(row) is not true;
        }
        return row => isDeleted(row) is not true && where(row);
    }

    private static SoqlResult Aggregate(
        SoqlPreparedQuery prepared,
        IEnumerable<Row> rows,
        SoqlParentResolver parents,
        Func<Row, bool> matches,
        int offset,
        int? limit)
    {
        var readers = prepared.Aggregates.Select(a => SoqlAccessors.For(a.Column, parents)).ToArray();
        var counts = new int[readers.Length];
        foreach (var row in rows)
        {
            if (!matches(row))
            {
                continue;
            }
            for (var i = 0; i < readers.Length; i++)
            {
                // COUNT(field) counts the rows where the field has a value.
                if (readers[i](row) is not null and not "")
                {
                    counts[i]++;
                }
            }
        }
        var fields = prepared.Aggregates.Select((a, i) => new KeyValuePair<string, object?>(a.Alias, counts[i])).ToArray();
        var record = new SoqlRecord("AggregateResult", null, fields);
        // Without GROUP BY an aggregate query has exactly one row, which OFFSET or LIMIT 0 can remove.
        var total = offset == 0 && limit != 0 ? 1 : 0;
        return new SoqlResult(prepared, total, [], null, null, 0, parents, record);
    }
}
