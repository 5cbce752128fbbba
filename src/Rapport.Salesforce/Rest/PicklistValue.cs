namespace Rapport.Salesforce.Rest;

/// <summary>A picklist entry of a field describe.</summary>
public sealed record PicklistValue(string Value, string? Label, bool Active, bool DefaultValue);
