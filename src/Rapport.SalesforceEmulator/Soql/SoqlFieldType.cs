namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Field types as describe reports them, grouped by how SOQL compares them.</summary>
public enum SoqlFieldType
{
    /// <summary>The record id; compared as an id, 15-character values accepted.</summary>
    Id,
    /// <summary>Text.</summary>
    String,
    /// <summary>Checkbox.</summary>
    Boolean,
    /// <summary>Whole number.</summary>
    Int,
    /// <summary>Number with decimals.</summary>
    Double,
    /// <summary>Money amount.</summary>
    Currency,
    /// <summary>Percentage.</summary>
    Percent,
    /// <summary>Calendar date without time.</summary>
    Date,
    /// <summary>Instant in time (stored in UTC).</summary>
    DateTime,
    /// <summary>Lookup to another record; has a relationship name and target objects.</summary>
    Reference,
    /// <summary>Email address (text).</summary>
    Email,
    /// <summary>Phone number (text).</summary>
    Phone,
    /// <summary>Picklist (text).</summary>
    Picklist,
    /// <summary>Text area, including long text (text).</summary>
    TextArea,
    /// <summary>URL (text).</summary>
    Url,
}
