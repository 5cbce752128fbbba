namespace Rapport.SalesforceEmulator.Data;

/// <summary>The result of one record write: the id on success, the errors otherwise.</summary>
/// <param name="Id">The record id (also set on some failures, as Salesforce does for updates).</param>
/// <param name="Errors">Empty on success.</param>
/// <param name="Created">For upserts: whether a record was inserted.</param>
public sealed record SaveOutcome(string? Id, IReadOnlyList<SalesforceError> Errors, bool Created = false)
{
    /// <summary>Whether the write succeeded.</summary>
    public bool Success => Errors.Count == 0;

    /// <summary>A success.</summary>
    public static SaveOutcome Ok(string id, bool created = false) => new(id, [], created);

    /// <summary>A failure with one error.</summary>
    public static SaveOutcome Fail(SalesforceError error, string? id = null) => new(id, [error]);
}
