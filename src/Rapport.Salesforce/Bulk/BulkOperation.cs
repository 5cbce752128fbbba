namespace Rapport.Salesforce.Bulk;

/// <summary>Bulk API 2.0 ingest operations.</summary>
public enum BulkOperation
{
    /// <summary>Create records.</summary>
    Insert,

    /// <summary>Update records by Id.</summary>
    Update,

    /// <summary>Upsert by an external id field.</summary>
    Upsert,

    /// <summary>Delete (to the recycle bin).</summary>
    Delete,
}
