namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Fetches the record a reference points to, for relationship paths such as <c>Account.Name</c>.
/// Returns null when no record of <paramref name="objectName"/> has that id (polymorphic references
/// are tried against each target object in turn). The returned record is keyed by canonical field names.
/// </summary>
public delegate IReadOnlyDictionary<string, object?>? SoqlParentResolver(string objectName, string id);
