namespace Rapport.Sync.Connectors;

/// <summary>The outcome of writing one record: its id when it worked, the CRM's errors when not.</summary>
public sealed record CrmWriteResult(string? Id, bool Success, IReadOnlyList<CrmError> Errors)
{
    public static CrmWriteResult Ok(string? id) => new(id, true, []);
    public static CrmWriteResult Failed(string? id, params CrmError[] errors) => new(id, false, errors);
}
