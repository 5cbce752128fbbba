using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Picks an order storage already keeps for a query, so its pages are found as they are read
/// instead of by collecting and sorting every match: no ORDER BY (arrival order), <c>ORDER BY Id</c>
/// (arrival order when ids were issued in sequence), and a sync's <c>ORDER BY SystemModstamp[, Id]</c>
/// (the snapshot's SystemModstamp index, narrowed to the range the WHERE clause allows). Any other
/// query gets no plan and runs through the general scan and sort.
/// </summary>
internal static class QueryOrder
{
    public static QueryPlan? TryPlan(OrgStore store, ObjectTable table, SoqlPreparedQuery prepared)
    {
        if (prepared.IsAggregate || prepared.IndexHints.Any(h => h.Field == "Id" && h.Operator is SoqlOperator.Equal or SoqlOperator.In))
        {
            // Aggregates count every match anyway; a look-up by ids reads only those records.
            return null;
        }
        IReadOnlyList<(SoqlColumn Column, SoqlOrderBy Key)> order = prepared.IsCount ? [] : prepared.OrderBy;
        if (order.Count == 0)
        {
            // An equality or range hint on another field narrows a scan to few rows, which the general path does well.
            var definition = table.Definition;
            if (prepared.IndexHints.Any(h => definition.FindField(h.Field) is { } field && IndexHintFilter.CanUse(h, field)))
            {
                return null;
            }
            var snapshot = store.Snapshot(table);
            return Whole(snapshot, reverse: false);
        }
        if (order.Count == 1 && IsPlain(order[0].Column, "Id"))
        {
            var snapshot = store.Snapshot(table);
            return snapshot.IdOrdered ? Whole(snapshot, order[0].Key.Descending) : null;
        }
        // SystemModstamp ascending with nulls first (the default), then optionally Id ascending: ties
        // in the index are in arrival order, which is Id order when ids were issued in sequence.
        if (order.Count is 1 or 2 && IsPlain(order[0].Column, "SystemModstamp") && !order[0].Key.Descending && !order[0].Key.NullsLast
            && (order.Count == 1 || (IsPlain(order[1].Column, "Id") && !order[1].Key.Descending)))
        {
            var snapshot = store.Snapshot(table);
            if ((order.Count == 2 && !snapshot.IdOrdered) || snapshot.Modstamps is not { } index)
            {
                return null;
            }
            var (low, high) = ModstampBounds.Of(prepared.Query.Where, prepared);
            var start = low is { } l ? index.LowerBound(l) : 0;
            var end = high is { } h ? index.UpperBound(h) : index.Stamps.Length;
            end = Math.Max(start, end);
            var whole = start == 0 && end == index.Stamps.Length;
            return new QueryPlan(
                matches => new SoqlIndexedMatches(snapshot.Views, index.Positions, start, end - start, reverse: false, matches),
                whole ? snapshot.LiveCount : null);
        }
        return null;
    }

    private static QueryPlan Whole(TableSnapshot snapshot, bool reverse) =>
        new(matches => new SoqlIndexedMatches(snapshot.Views, null, 0, snapshot.Views.Length, reverse, matches), snapshot.LiveCount);

    private static bool IsPlain(SoqlColumn column, string field) => column.References.Count == 0 && column.Field.Name == field;
}
