namespace Rapport.Sync.Batching;

/// <summary>How changed records are written to the CRM.</summary>
public enum PushMethod
{
    Collections,
    Bulk,
}
