namespace Rapport.SalesforceEmulator.Data;

/// <summary>Finds live records by an external id (or other idLookup) field, for upsert and GET by external id.</summary>
internal static class ExternalIds
{
    public static List<object?[]> Find(OrgStore store, ObjectDefinition definition, FieldDefinition field, string text)
    {
        var table = store.FindTable(definition.Name)!;
        return store.Read(() => FindUnlocked(table, field, text));
    }

    /// <summary>The same look-up for callers already holding the org lock (writes in progress).</summary>
    public static List<object?[]> FindUnlocked(ObjectTable table, FieldDefinition field, string text)
    {
        var definition = table.Definition;
        if (field.Ordinal == 0)
        {
            return SalesforceId.TryNormalize(text, out var id18) && table.Find(id18) is { } found && !Rows.IsDeleted(found, definition) ? [found] : [];
        }
        if (!FieldValues.TryParse(field, text, out var value) || value is null)
        {
            return [];
        }
        var result = new List<object?[]>();
        if (table.Lookup(field, value) is { } slots)
        {
            foreach (var slot in slots)
            {
                if (table.RowAt(slot) is { } row && !Rows.IsDeleted(row, definition))
                {
                    result.Add(row);
                }
            }
            return result;
        }
        // Unindexed idLookup fields (Email): a scan, matching case-insensitively like Salesforce.
        var key = FieldValues.ToInvariantString(value);
        var (rows, count) = table.Snapshot();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is { } row && Rows.Get(row, field) is { } candidate && !Rows.IsDeleted(row, definition)
                && string.Equals(FieldValues.ToInvariantString(candidate), key, field.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            {
                result.Add(row);
            }
        }
        return result;
    }
}
