using System.Collections.Frozen;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// One sObject type: its describe properties and its fields. Fields are only ever added (the
/// Tooling API creates custom fields), so readers take <see cref="Fields"/> as an immutable snapshot
/// and a field's <see cref="FieldDefinition.Ordinal"/> stays valid for the life of the org.
/// </summary>
public sealed class ObjectDefinition
{
    private readonly Lock _gate = new();
    private FieldDefinition[] _fields = [];
    private FrozenDictionary<string, FieldDefinition> _byName = FrozenDictionary<string, FieldDefinition>.Empty;

    /// <summary>API name, e.g. <c>Contact</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Singular label.</summary>
    public required string Label { get; init; }

    /// <summary>Plural label.</summary>
    public required string LabelPlural { get; init; }

    /// <summary>The three-character id prefix (<c>003</c> for Contact).</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>Whether records can be created through the API.</summary>
    public bool Createable { get; init; } = true;

    /// <summary>Whether records can be updated through the API.</summary>
    public bool Updateable { get; init; } = true;

    /// <summary>Whether records can be deleted through the API.</summary>
    public bool Deletable { get; init; } = true;

    /// <summary>Whether the object appears in the Tooling API rather than the data API.</summary>
    public bool Tooling { get; init; }

    /// <summary>Whether deleted records go to the recycle bin and show in <c>queryAll</c> and <c>/deleted</c>.</summary>
    public bool Replicateable { get; init; } = true;

    /// <summary>The fields, in describe order; an immutable snapshot.</summary>
    public IReadOnlyList<FieldDefinition> Fields => Volatile.Read(ref _fields);

    /// <summary>How many value slots a row of this object needs.</summary>
    public int FieldCount => Volatile.Read(ref _fields).Length;

    /// <summary>The IsDeleted field, when the object has one (recycle-bin objects).</summary>
    public FieldDefinition? IsDeletedField { get; private set; }

    /// <summary>Finds a field by API name, case-insensitively as Salesforce matches names.</summary>
    public FieldDefinition? FindField(string name) =>
        Volatile.Read(ref _byName).TryGetValue(name, out var field) ? field : null;

    /// <summary>Adds a field and assigns its row position.</summary>
    /// <exception cref="InvalidOperationException">A field with that name exists.</exception>
    public FieldDefinition AddField(FieldDefinition field)
    {
        lock (_gate)
        {
            if (_byName.ContainsKey(field.Name))
            {
                throw new InvalidOperationException($"{Name}.{field.Name} already exists.");
            }
            field.Ordinal = _fields.Length;
            var fields = new FieldDefinition[_fields.Length + 1];
            _fields.CopyTo(fields, 0);
            fields[^1] = field;
            var byName = fields.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            Volatile.Write(ref _fields, fields);
            Volatile.Write(ref _byName, byName);
            if (field.Name == "IsDeleted")
            {
                IsDeletedField = field;
            }
            return field;
        }
    }

    /// <summary>Adds several fields in order.</summary>
    public ObjectDefinition WithFields(IEnumerable<FieldDefinition> fields)
    {
        foreach (var field in fields)
        {
            AddField(field);
        }
        return this;
    }
}
