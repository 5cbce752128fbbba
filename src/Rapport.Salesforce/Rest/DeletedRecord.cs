namespace Rapport.Salesforce.Rest;

/// <summary>A deleted record's id and deletion time.</summary>
public sealed record DeletedRecord(string Id, DateTimeOffset DeletedDate);
