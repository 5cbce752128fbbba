using Rapport.SalesforceEmulator.Rest;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>Bulk API 2.0 ingest jobs under <c>/jobs/ingest</c>.</summary>
internal static class BulkIngestApi
{
    public static RestResult Route(RestRequest request) => RestResult.NotFound();
}
