using Microsoft.Extensions.Time.Testing;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Tests.Soql.Support;

/// <summary>Rows per object plus a parent resolver and a fake clock; runs queries end to end.</summary>
public sealed class SoqlTestOrg
{
    private readonly Dictionary<string, List<Dictionary<string, object?>>> _rows = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;

    /// <summary>Starts the clock at Wednesday 2024-05-15 10:30 UTC unless told otherwise.</summary>
    public SoqlTestOrg(DateTimeOffset? now = null)
    {
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2024, 5, 15, 10, 30, 0, TimeSpan.Zero));
    }

    public SoqlTestSchema Schema { get; } = new();

    public FakeTimeProvider Clock { get; }

    public static string IdFor(string objectName) => objectName switch
    {
        "Account" => "001",
        "Contact" => "003",
        "Lead" => "00Q",
        "User" => "005",
        "Event" => "00U",
        _ => "a00",
    };

    /// <summary>Adds a row and returns its new 18-character id.</summary>
    public string Add(string objectName, params (string Field, object? Value)[] values)
    {
        var id = SalesforceId.Create(IdFor(objectName), ++_sequence);
        var row = new Dictionary<string, object?> { ["Id"] = id };
        foreach (var (field, value) in values)
        {
            row[field] = value;
        }
        if (!_rows.TryGetValue(objectName, out var list))
        {
            list = [];
            _rows[objectName] = list;
        }
        list.Add(row);
        return id;
    }

    public IReadOnlyList<Dictionary<string, object?>> Rows(string objectName) =>
        _rows.TryGetValue(objectName, out var list) ? list : [];

    public IReadOnlyDictionary<string, object?>? Resolve(string objectName, string id) =>
        Rows(objectName).FirstOrDefault(r => Equals(r["Id"], id));

    /// <summary>Runs a query over a list of rows, or over a one-pass sequence when <paramref name="asStream"/> is set.</summary>
    public SoqlResult Run(string soql, SoqlExecutionOptions? options = null, bool asStream = false)
    {
        var query = SoqlParser.Parse(soql);
        var prepared = SoqlExecutor.Prepare(query, Schema);
        var rows = Rows(prepared.ObjectName);
        return SoqlExecutor.Execute(prepared, asStream ? Stream(rows) : rows, Resolve, Clock, options);

        static IEnumerable<IReadOnlyDictionary<string, object?>> Stream(IEnumerable<Dictionary<string, object?>> rows)
        {
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    /// <summary>The values of one field of every returned record, in order.</summary>
    public IReadOnlyList<object?> Column(string soql, string field)
    {
        var result = Run(soql);
        return result.GetRecords(0, result.RecordCount)
            .Select(r => r.Fields.Single(f => f.Key == field).Value)
            .ToArray();
    }
}
