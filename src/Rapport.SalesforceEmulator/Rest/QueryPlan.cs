using Rapport.SalesforceEmulator.Soql;
using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// How a query reads a table in an order storage already keeps: the walk (given the row test) and,
/// when the walk covers every row, how many rows are not deleted.
/// </summary>
internal sealed record QueryPlan(Func<Func<Row, bool>?, SoqlIndexedMatches> Walk, int? LiveCount);
