namespace Rapport.Salesforce.Bulk;

/// <summary>A row of <c>successfulResults/</c>: <c>sf__Id</c>, <c>sf__Created</c> and the uploaded fields.</summary>
public sealed record BulkSuccessRow(string Id, bool Created, IReadOnlyDictionary<string, string> Fields);
