namespace Rapport.SalesforceEmulator.Data;

/// <summary>Reads and writes values in stored rows, which may be shorter than the field list when custom fields were added later.</summary>
internal static class Rows
{
    public static object? Get(object?[] row, FieldDefinition field) =>
        field.Ordinal < row.Length ? row[field.Ordinal] : null;

    public static object? Get(object?[] row, ObjectDefinition definition, string fieldName) =>
        definition.FindField(fieldName) is { } field ? Get(row, field) : null;

    public static string Id(object?[] row) => (string)row[0]!;

    public static bool IsDeleted(object?[] row, ObjectDefinition definition) =>
        definition.IsDeletedField is { } field && Get(row, field) is true;

    /// <summary>Copies a row, widening it to the current field count.</summary>
    public static object?[] Copy(object?[] row, int fieldCount)
    {
        var copy = new object?[Math.Max(row.Length, fieldCount)];
        Array.Copy(row, copy, row.Length);
        return copy;
    }

    public static void Set(ref object?[] row, FieldDefinition field, object? value)
    {
        if (field.Ordinal >= row.Length)
        {
            if (value is null)
            {
                return;
            }
            Array.Resize(ref row, field.Ordinal + 1);
        }
        row[field.Ordinal] = value;
    }

    public static void Set(ref object?[] row, ObjectDefinition definition, string fieldName, object? value)
    {
        if (definition.FindField(fieldName) is { } field)
        {
            Set(ref row, field, value);
        }
    }
}
