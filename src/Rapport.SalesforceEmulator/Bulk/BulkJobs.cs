namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>Bulk API 2.0 ingest and query jobs of the org.</summary>
internal sealed class BulkJobs
{
}
