namespace Rapport.Salesforce.Tooling;

/// <summary>
/// A custom field for the Tooling API's CustomField: <c>FullName</c> ("Contact.Rapport_Score__c")
/// and the <c>Metadata</c> subset Rapport needs (type, label, length, precision, scale, externalId).
/// </summary>
public sealed record CustomFieldDefinition
{
    /// <summary>Object and field, e.g. <c>Contact.Rapport_Score__c</c>.</summary>
    public required string FullName { get; init; }

    /// <summary>Label shown in Salesforce.</summary>
    public required string Label { get; init; }

    /// <summary>Metadata field type: Text, Number, Checkbox, DateTime, Date, Email, LongTextArea, Percent, …</summary>
    public required string Type { get; init; }

    /// <summary>Length for Text (up to 255) and LongTextArea.</summary>
    public int? Length { get; init; }

    /// <summary>Total digits for Number and Percent (up to 18).</summary>
    public int? Precision { get; init; }

    /// <summary>Digits after the point for Number and Percent.</summary>
    public int? Scale { get; init; }

    /// <summary>Marks the field External ID, usable for upserts.</summary>
    public bool ExternalId { get; init; }

    /// <summary>Help text shown beside the field.</summary>
    public string? InlineHelpText { get; init; }

    /// <summary>Description for admins.</summary>
    public string? Description { get; init; }

    /// <summary>Default value formula; Checkbox fields require one ("false").</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Visible lines for LongTextArea.</summary>
    public int? VisibleLines { get; init; }
}
