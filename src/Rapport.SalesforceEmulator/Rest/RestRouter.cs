using Rapport.SalesforceEmulator.Bulk;
using Rapport.SalesforceEmulator.Tooling;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Routes a request below <c>/services/data/vXX.X/</c> to its handler. One router (rather than one
/// endpoint per route) lets <c>/composite/batch</c> run subrequests through exactly the same code as
/// top-level calls, which is how Salesforce describes batch subrequests.
/// </summary>
internal static class RestRouter
{
    public static RestResult Route(RestRequest request)
    {
        var s = request.Segments;
        if (s.Count == 0)
        {
            return request.Method == "GET" ? VersionsApi.Resources(request) : NotAllowed(request, "GET");
        }
        return s[0] switch
        {
            "sobjects" => SObjects(request, s, tooling: false),
            "query" => Query(request, s, includeDeleted: false, tooling: false),
            "queryAll" => Query(request, s, includeDeleted: true, tooling: false),
            "composite" => Composite(request, s),
            "limits" when s.Count == 1 => request.Method == "GET" ? LimitsApi.Get(request) : NotAllowed(request, "GET"),
            "tooling" => ToolingApi.Route(request),
            "jobs" when s.Count >= 2 && s[1] == "ingest" => BulkIngestApi.Route(request),
            "jobs" when s.Count >= 2 && s[1] == "query" => BulkQueryApi.Route(request),
            _ => RestResult.NotFound(),
        };
    }

    public static RestResult Query(RestRequest request, IReadOnlyList<string> s, bool includeDeleted, bool tooling)
    {
        if (request.Method != "GET")
        {
            return NotAllowed(request, "GET");
        }
        return s.Count switch
        {
            1 => QueryApi.Query(request, includeDeleted, tooling),
            2 => QueryApi.Next(request, s[1], includeDeleted),
            _ => RestResult.NotFound(),
        };
    }

    /// <summary><c>/sobjects</c> resources; with <paramref name="tooling"/> only describe applies (Tooling records route elsewhere).</summary>
    public static RestResult SObjects(RestRequest request, IReadOnlyList<string> s, bool tooling)
    {
        if (s.Count == 1)
        {
            return request.Method == "GET" ? DescribeApi.Global(request, tooling) : NotAllowed(request, "GET");
        }
        var definition = request.Services.Store.FindObject(s[1]);
        if (definition is null || (definition.Tooling != tooling && !(tooling && definition.Name == "User")))
        {
            return RestResult.NotFound();
        }
        switch (s.Count)
        {
            case 2:
                return request.Method switch
                {
                    "GET" => DescribeApi.Basic(request, definition, tooling),
                    "POST" => SObjectApi.Create(request, definition),
                    _ => NotAllowed(request, "GET", "HEAD", "POST"),
                };
            case 3 when s[2] == "describe":
                return request.Method == "GET" ? DescribeApi.Describe(request, definition, tooling) : NotAllowed(request, "GET", "HEAD");
            case 3 when s[2] == "deleted":
                return request.Method == "GET" ? ChangedRecordsApi.Deleted(request, definition) : NotAllowed(request, "GET");
            case 3 when s[2] == "updated":
                return request.Method == "GET" ? ChangedRecordsApi.Updated(request, definition) : NotAllowed(request, "GET");
            case 3:
                return request.Method switch
                {
                    "GET" or "HEAD" => SObjectApi.Read(request, definition, s[2]),
                    "PATCH" => SObjectApi.Update(request, definition, s[2]),
                    "DELETE" => SObjectApi.Delete(request, definition, s[2]),
                    _ => NotAllowed(request, "GET", "HEAD", "PATCH", "DELETE"),
                };
            case 4 when s[2] is "deleted" or "updated":
                // Clients commonly call /deleted/ with a trailing slash.
                return s[3].Length == 0 ? SObjects(request, s.Take(3).ToList(), tooling) : RestResult.NotFound();
            case 4:
                return request.Method switch
                {
                    "GET" or "HEAD" => SObjectApi.ReadByExternalId(request, definition, s[2], s[3]),
                    "PATCH" or "POST" => SObjectApi.Upsert(request, definition, s[2], s[3]),
                    "DELETE" => SObjectApi.DeleteByExternalId(request, definition, s[2], s[3]),
                    _ => NotAllowed(request, "GET", "HEAD", "PATCH", "DELETE"),
                };
            default:
                return RestResult.NotFound();
        }
    }

    private static RestResult Composite(RestRequest request, IReadOnlyList<string> s)
    {
        if (s.Count == 1)
        {
            return request.Method == "POST" ? CompositeApi.Post(request) : NotAllowed(request, "POST");
        }
        if (s.Count == 2 && s[1] == "batch")
        {
            return request.Method == "POST" ? CompositeBatchApi.Post(request) : NotAllowed(request, "POST");
        }
        if (s.Count >= 2 && s[1] == "sobjects")
        {
            return CollectionsApi.Route(request, s);
        }
        return RestResult.NotFound();
    }

    public static RestResult NotAllowed(RestRequest request, params string[] allowed) => RestResult.MethodNotAllowed(request.Method, allowed);
}
