namespace Rapport.Sync.Settings;

/// <summary>
/// One value pushed to the CRM: an attribute or a KPI. Rapport creates the custom field
/// (<c>Rapport_[infix_]Name__c</c>) unless <see cref="TargetField"/> names an existing field, which
/// makes the field two-way when the same field is also pulled.
/// </summary>
public sealed record PushField
{
    /// <summary>The attribute name, or the KPI: <c>lastSeen</c>, <c>firstSeen</c>, <c>sessions</c>, <c>daysActive30</c>, <c>npsScore</c>, <c>npsFeedback</c>, <c>events.&lt;name&gt;</c>.</summary>
    public required string Name { get; init; }
    public PushValueSource Source { get; init; } = PushValueSource.Attribute;
    /// <summary>The CRM field type to create; inferred from the KPI (or Text for attributes) when absent.</summary>
    public CrmFieldType? Type { get; init; }
    /// <summary>An existing CRM field to write instead of creating one.</summary>
    public string? TargetField { get; init; }
}
