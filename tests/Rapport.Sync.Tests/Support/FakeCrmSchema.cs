using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// An in-memory CRM schema: objects with their fields; field creation adds fields (one Tooling
/// call per created field, plus one describe per object) or fails as a user without Modify All
/// Data would.
/// </summary>
public sealed class FakeCrmSchema(FakeCrmConnector connector) : ICrmSchema
{
    /// <summary>Object type → field API names that exist.</summary>
    public Dictionary<string, HashSet<string>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Every EnsureFields call: the object and the specs asked for.</summary>
    public List<(string ObjectType, IReadOnlyList<CrmFieldSpec> Specs)> EnsureCalls { get; } = [];

    /// <summary>When set, EnsureFields throws it (e.g. INSUFFICIENT_ACCESS).</summary>
    public CrmException? Failure { get; set; }

    public Task<CrmObjectInfo> DescribeAsync(string objectType, CancellationToken cancellationToken)
    {
        connector.Count("describe");
        var fields = Fields.TryGetValue(objectType, out var names) ? names : [];
        return Task.FromResult(new CrmObjectInfo(objectType, objectType,
            fields.Select(f => new CrmFieldInfo(f, f, "string", f.EndsWith("__c", StringComparison.Ordinal), true, true)).ToList()));
    }

    public Task EnsureFieldsAsync(string objectType, IReadOnlyList<CrmFieldSpec> fields, CancellationToken cancellationToken)
    {
        EnsureCalls.Add((objectType, fields));
        connector.Count("describe");
        if (Failure is not null)
        {
            throw Failure;
        }
        if (!Fields.TryGetValue(objectType, out var names))
        {
            Fields[objectType] = names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        foreach (var field in fields.Where(f => names.Add(f.ApiName)))
        {
            connector.Count("tooling");
        }
        return Task.CompletedTask;
    }
}
