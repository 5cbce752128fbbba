namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Field data types as the describe resource names them (<c>"type"</c> in a field describe,
/// Salesforce "DescribeSObjectResult / Field" reference). The stored CLR value per type is:
/// text kinds → <see cref="string"/>, <see cref="Boolean"/> → <see cref="bool"/>,
/// <see cref="Int"/> → <see cref="int"/>, <see cref="Double"/>/<see cref="Currency"/>/<see cref="Percent"/> →
/// <see cref="decimal"/>, <see cref="Date"/> → <see cref="DateOnly"/>, <see cref="DateTime"/> →
/// <see cref="System.DateTime"/> (UTC).
/// </summary>
public enum SalesforceFieldType
{
    /// <summary>The record id (<c>"id"</c>).</summary>
    Id,
    /// <summary>Single-line text (<c>"string"</c>).</summary>
    String,
    /// <summary>E-mail address (<c>"email"</c>).</summary>
    Email,
    /// <summary>Phone number (<c>"phone"</c>).</summary>
    Phone,
    /// <summary>URL (<c>"url"</c>).</summary>
    Url,
    /// <summary>Text area, long or rich text area (<c>"textarea"</c>).</summary>
    TextArea,
    /// <summary>Single-select picklist (<c>"picklist"</c>).</summary>
    Picklist,
    /// <summary>Checkbox (<c>"boolean"</c>).</summary>
    Boolean,
    /// <summary>Integer (<c>"int"</c>).</summary>
    Int,
    /// <summary>Number (<c>"double"</c>).</summary>
    Double,
    /// <summary>Currency (<c>"currency"</c>).</summary>
    Currency,
    /// <summary>Percent (<c>"percent"</c>).</summary>
    Percent,
    /// <summary>Date without time (<c>"date"</c>).</summary>
    Date,
    /// <summary>Date and time (<c>"datetime"</c>).</summary>
    DateTime,
    /// <summary>Lookup or master-detail (<c>"reference"</c>).</summary>
    Reference,
}
