using Rapport.SalesforceEmulator.Soql;
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// A stored row seen as the SOQL engine's record: a read-only dictionary keyed by canonical field
/// name (case-insensitive look-ups). It wraps the row without copying, so scanning a million rows
/// allocates one small object per row.
/// </summary>
internal sealed class RecordView : IReadOnlyDictionary<string, object?>, ISoqlRow
{
    private readonly ObjectDefinition _definition;

    public RecordView(ObjectDefinition definition, object?[] row)
    {
        _definition = definition;
        Row = row;
    }

    public object?[] Row { get; }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>The SOQL engine's by-ordinal read (the schema hands it each field's ordinal): no name look-up per row.</summary>
    public object? GetValue(int ordinal) => ordinal < Row.Length ? Row[ordinal] : null;

    public IEnumerable<string> Keys => _definition.Fields.Select(f => f.Name);

    public IEnumerable<object?> Values => _definition.Fields.Select(f => Rows.Get(Row, f));

    public int Count => _definition.FieldCount;

    public bool ContainsKey(string key) => _definition.FindField(key) is not null;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        // The SOQL engine asks every row for IsDeleted (with the interned literal) before anything
        // else; answering that without a dictionary look-up keeps a million-row scan cheap.
        if (ReferenceEquals(key, "IsDeleted") && _definition.IsDeletedField is { } isDeleted)
        {
            value = Rows.Get(Row, isDeleted);
            return true;
        }
        if (_definition.FindField(key) is { } field)
        {
            value = Rows.Get(Row, field);
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        _definition.Fields.Select(f => new KeyValuePair<string, object?>(f.Name, Rows.Get(Row, f))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
