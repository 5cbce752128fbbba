namespace Rapport.Sync.Connectors;

/// <summary>One field of a describe: name, label, Salesforce type, and what the integration user may do with it.</summary>
public sealed record CrmFieldInfo(string Name, string Label, string Type, bool Custom, bool Createable, bool Updateable, bool ExternalId = false);
