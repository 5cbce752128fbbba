namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// <c>GET /limits</c>: <c>{"DailyApiRequests":{"Max","Remaining"}, …}</c> (REST API Developer
/// Guide, "Limits"). API requests come from the shared daily counter; the other allocations are the
/// Enterprise Edition defaults and do not move.
/// </summary>
internal static class LimitsApi
{
    public static RestResult Get(RestRequest request)
    {
        var api = request.Services.ApiLimit;
        var max = api.Max;
        var remaining = api.Remaining;
        var records = request.Services.Store.Objects.Where(o => !o.Tooling).Sum(o => request.Services.Store.Count(o.Name));
        return RestResult.Ok(writer =>
        {
            writer.WriteStartObject();
            Write("DailyApiRequests", max, remaining);
            Write("DailyAsyncApexExecutions", 250000, 250000);
            Write("DailyBulkApiBatches", 15000, 15000);
            Write("DailyBulkV2QueryFileStorageMB", 976562, 976562);
            Write("DailyBulkV2QueryJobs", 10000, 10000);
            // Salesforce counts most records as 2 KB of data storage.
            Write("DataStorageMB", 1024, Math.Max(0, 1024 - records * 2 / 1024));
            Write("FileStorageMB", 20480, 20480);
            Write("HourlyODataCallout", 10000, 10000);
            Write("SingleEmail", 5000, 5000);
            writer.WriteEndObject();

            void Write(string name, long limit, long left)
            {
                writer.WriteStartObject(name);
                writer.WriteNumber("Max", limit);
                writer.WriteNumber("Remaining", left);
                writer.WriteEndObject();
            }
        });
    }
}
