using Rapport.SalesforceEmulator.Rest;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>Bulk API 2.0 query jobs under <c>/jobs/query</c>.</summary>
internal static class BulkQueryApi
{
    public static RestResult Route(RestRequest request) => RestResult.NotFound();
}
