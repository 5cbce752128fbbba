namespace Rapport.Salesforce.Rest;

/// <summary>One page of a SOQL result: <c>{"totalSize","done","nextRecordsUrl","records"}</c>.</summary>
public sealed record QueryPage<T>(int TotalSize, bool Done, string? NextRecordsUrl, IReadOnlyList<T> Records);
