using Rapport.Sync.Settings;

namespace Rapport.Sync.Connectors;

/// <summary>A custom field to create: API name (<c>Rapport_Score__c</c>), label and type.</summary>
public sealed record CrmFieldSpec(string ApiName, string Label, CrmFieldType Type);
