namespace Rapport.SalesforceEmulator.Data;

/// <summary>One entry of a field's <c>picklistValues</c> in describe.</summary>
/// <param name="Value">The API value stored on records.</param>
/// <param name="Label">The label shown to users.</param>
/// <param name="DefaultValue">Whether the entry is the field's default.</param>
public sealed record PicklistEntry(string Value, string Label, bool DefaultValue = false);
