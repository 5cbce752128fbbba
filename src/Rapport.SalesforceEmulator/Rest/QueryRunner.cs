using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Soql;
using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>Runs SOQL against the org store for one user: REST and Tooling queries and Bulk API 2.0 query jobs.</summary>
internal static class QueryRunner
{
    /// <summary>Parses, checks against the user's view of the schema and runs a query; throws <see cref="SoqlException"/>.</summary>
    public static SoqlResult Run(EmulatorServices services, IEmulatorSession session, string soql, bool tooling, bool includeDeleted)
    {
        var query = SoqlParser.Parse(soql);
        var prepared = SoqlExecutor.Prepare(query, new SessionSchema(services, session, tooling));
        var store = services.Store;
        var table = store.FindTable(prepared.ObjectName)!;
        SoqlParentResolver parents = (objectName, id) => store.FindTable(objectName) is { } parent && store.Find(parent, id) is { } row ? new RecordView(parent.Definition, row) : null;
        var options = new SoqlExecutionOptions { IncludeDeleted = includeDeleted };
        if (QueryOrder.TryPlan(store, table, prepared) is { } plan)
        {
            return SoqlExecutor.ExecuteInOrder(prepared, plan.Walk, plan.LiveCount, parents, store.Clock, options);
        }
        return SoqlExecutor.Execute(prepared, Candidates(store, table, prepared), parents, store.Clock, options);
    }

    /// <summary>
    /// The rows to scan: the records named by an <c>Id = …</c> / <c>Id IN (…)</c> conjunct when there
    /// is one (so a sync's look-up by ids stays fast over a million rows), else the whole table.
    /// </summary>
    private static IEnumerable<Row> Candidates(OrgStore store, ObjectTable table, SoqlPreparedQuery prepared)
    {
        var hint = prepared.IndexHints.FirstOrDefault(h => h.Field == "Id" && h.Operator is SoqlOperator.Equal or SoqlOperator.In);
        if (hint is not null)
        {
            return ById(store, table, hint.Values);
        }
        var definition = table.Definition;
        var filters = prepared.IndexHints
            .Select(h => (Hint: h, Field: definition.FindField(h.Field)))
            .Where(f => f.Field is not null && IndexHintFilter.CanUse(f.Hint, f.Field))
            .Select(f => (f.Hint, f.Field!))
            .ToArray();
        return filters.Length == 0 ? store.Snapshot(table).Views : Filtered(table, filters);
    }

    private static List<RecordView> Filtered(ObjectTable table, (SoqlIndexHint Hint, FieldDefinition Field)[] filters)
    {
        var (rows, count) = table.Snapshot();
        var definition = table.Definition;
        var result = new List<RecordView>();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }
            var keep = true;
            foreach (var (hint, field) in filters)
            {
                if (!IndexHintFilter.Keep(Rows.Get(row, field), hint))
                {
                    keep = false;
                    break;
                }
            }
            if (keep)
            {
                result.Add(new RecordView(definition, row));
            }
        }
        return result;
    }

    private static IEnumerable<Row> ById(OrgStore store, ObjectTable table, IReadOnlyList<object> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in ids)
        {
            if (value is string id && seen.Add(id) && store.Find(table, id) is { } row)
            {
                yield return new RecordView(table.Definition, row);
            }
        }
    }
}
