using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Builds, once per query, the delegates that read a column's value from a row.</summary>
internal static class SoqlAccessors
{
    public static Func<Row, object?> For(SoqlColumn column, SoqlParentResolver parents)
    {
        var field = column.Field;
        if (column.References.Count == 0)
        {
            return For(field);
        }
        var steps = column.References.ToArray();
        return row =>
        {
            var current = row;
            foreach (var step in steps)
            {
                current = Parent(current, step, parents, out _);
                if (current is null)
                {
                    return null;
                }
            }
            return Read(current, field);
        };
    }

    /// <summary>A reader for a field of the row itself.</summary>
    public static Func<Row, object?> For(SoqlFieldInfo field)
    {
        var name = field.Name;
        var ordinal = field.Ordinal;
        if (ordinal >= 0)
        {
            return row => row is ISoqlRow fast ? fast.GetValue(ordinal) : (row.TryGetValue(name, out var value) ? value : null);
        }
        return row => row.TryGetValue(name, out var value) ? value : null;
    }

    public static object? Read(Row row, SoqlFieldInfo field)
    {
        if (field.Ordinal >= 0 && row is ISoqlRow fast)
        {
            return fast.GetValue(field.Ordinal);
        }
        return row.TryGetValue(field.Name, out var value) ? value : null;
    }

    /// <summary>The record a reference field of <paramref name="row"/> points to, and that record's object.</summary>
    public static Row? Parent(Row row, SoqlFieldInfo reference, SoqlParentResolver parents, out string objectType)
    {
        objectType = "";
        if (Read(row, reference) is not string { Length: > 0 } id)
        {
            return null;
        }
        foreach (var target in reference.ReferenceTo)
        {
            var parent = parents(target, id);
            if (parent is not null)
            {
                objectType = target;
                return parent;
            }
        }
        return null;
    }
}
