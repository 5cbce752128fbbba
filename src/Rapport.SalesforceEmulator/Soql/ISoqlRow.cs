namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Optional fast path for rows: a row that also implements this interface is read by
/// <see cref="SoqlFieldInfo.Ordinal"/> instead of by name, which saves a hash look-up per field per
/// row when a query scans a large table. The value must be the same one the dictionary would give.
/// </summary>
public interface ISoqlRow
{
    /// <summary>The value of the field at <paramref name="ordinal"/> (null when absent).</summary>
    object? GetValue(int ordinal);
}
