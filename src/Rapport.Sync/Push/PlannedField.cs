using Rapport.Sync.Settings;

namespace Rapport.Sync.Push;

/// <summary>A pushed value resolved to its CRM field: the API name written, its type, and whether Rapport creates it.</summary>
/// <param name="Field">The configured push field.</param>
/// <param name="ApiName">The CRM field written: the target field, or the generated <c>Rapport_…__c</c> name.</param>
/// <param name="Type">The CRM type values are formatted for.</param>
internal sealed record PlannedField(PushField Field, string ApiName, CrmFieldType Type)
{
    /// <summary>An existing field named by the mapping: may also be pulled, so the CRM's value counts as "already there".</summary>
    public bool IsExisting => Field.TargetField is not null;
}
