using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Rest;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>
/// Bulk API 2.0 query jobs (<c>/jobs/query</c>, API 47.0 and later): create with a SOQL query, poll
/// the JobInfo, then page through <c>/results</c> as CSV, following the <c>Sforce-Locator</c>
/// response header (the string <c>null</c> on the last page) with <c>Sforce-NumberOfRecords</c>
/// giving the page's count and <c>maxRecords</c> bounding it.
/// </summary>
internal static class BulkQueryApi
{
    public const int DefaultMaxRecords = 100_000;

    public static RestResult Route(RestRequest request)
    {
        var s = request.Segments;
        if (request.VersionNumber < 47)
        {
            return RestResult.NotFound();
        }
        if (s.Count == 2)
        {
            return request.Method switch
            {
                "POST" => Create(request),
                "GET" => List(request),
                _ => RestRouter.NotAllowed(request, "GET", "POST"),
            };
        }
        if (request.Services.BulkJobs.FindQuery(s[2]) is not { } job)
        {
            return RestResult.NotFound();
        }
        if (s.Count == 3)
        {
            return request.Method switch
            {
                "GET" => RestResult.Ok(writer => WriteJobInfo(writer, job, details: true)),
                "PATCH" => Abort(request, job),
                "DELETE" => Delete(request, job),
                _ => RestRouter.NotAllowed(request, "GET", "PATCH", "DELETE"),
            };
        }
        return s.Count == 4 && s[3] == "results" && request.Method == "GET" ? Results(request, job) : RestResult.NotFound();
    }

    private static RestResult Create(RestRequest request)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        string? operation;
        string? soql;
        using (document)
        {
            var root = document!.RootElement;
            operation = Text(root, "operation") ?? "query";
            soql = Text(root, "query");
        }
        if (operation is not ("query" or "queryAll") || string.IsNullOrWhiteSpace(soql))
        {
            return RestResult.Error(400, "INVALIDJOB", "InvalidJob : a query job needs \"operation\": \"query\" or \"queryAll\" and a \"query\"");
        }
        var watch = Stopwatch.StartNew();
        SoqlResult result;
        try
        {
            result = QueryRunner.Run(request.Services, request.Session, soql, tooling: false, includeDeleted: operation == "queryAll");
        }
        catch (SoqlException ex)
        {
            return RestResult.Error(400, ex.ErrorCode, ex.Message);
        }
        if (result.Query.IsAggregate || result.Query.IsCount)
        {
            return RestResult.Error(400, "API_ERROR", "Aggregate queries are not supported by Bulk API 2.0 query jobs.");
        }
        var now = request.Services.Store.Now;
        var job = new QueryJob
        {
            Id = request.Services.BulkJobs.NextId(),
            Operation = operation,
            Object = result.Query.ObjectName,
            Query = soql,
            CreatedById = request.Session.UserId,
            CreatedDate = now,
            SystemModstamp = now,
            ApiVersion = request.Version,
        };
        var created = RestResult.Ok(writer => WriteJobInfo(writer, job, details: false));
        job.Result = result;
        job.State = "JobComplete";
        job.ProcessingMilliseconds = watch.ElapsedMilliseconds;
        request.Services.BulkJobs.Add(job);
        return created;
    }

    private static RestResult List(RestRequest request)
    {
        var jobs = request.Services.BulkJobs.QueryJobs().OrderBy(j => j.CreatedDate).ToList();
        return RestResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("done", true);
            writer.WriteStartArray("records");
            foreach (var job in jobs)
            {
                WriteJobInfo(writer, job, details: false);
            }
            writer.WriteEndArray();
            writer.WriteNull("nextRecordsUrl");
            writer.WriteEndObject();
        });
    }

    private static RestResult Abort(RestRequest request, QueryJob job)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            if (Text(document!.RootElement, "state") != "Aborted" || job.State is "JobComplete" or "Failed" or "Aborted")
            {
                return RestResult.Error(400, "INVALIDJOBSTATE", $"InvalidJobState : Unable to change the state of a job in state {job.State}");
            }
        }
        job.State = "Aborted";
        return RestResult.Ok(writer => WriteJobInfo(writer, job, details: false));
    }

    private static RestResult Delete(RestRequest request, QueryJob job)
    {
        request.Services.BulkJobs.Remove(job.Id);
        return RestResult.NoContent();
    }

    private static RestResult Results(RestRequest request, QueryJob job)
    {
        if (job.State != "JobComplete" || job.Result is not { } result)
        {
            return RestResult.Error(400, "INVALIDJOBSTATE", $"InvalidJobState : The job is in state {job.State}; results are available once it is JobComplete");
        }
        var start = 0;
        var locator = request.QueryValue("locator");
        if (!string.IsNullOrEmpty(locator) && (!TryDecodeLocator(locator, out start) || start > result.RecordCount))
        {
            return RestResult.Error(400, "INVALID_LOCATOR", $"Invalid locator: {locator}");
        }
        var max = DefaultMaxRecords;
        if (request.QueryValue("maxRecords") is { } maxText && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max <= 0))
        {
            return RestResult.Error(400, "INVALIDURL", $"maxRecords must be a positive integer: {maxText}");
        }
        var end = (int)Math.Min((long)start + max, result.RecordCount);
        var builder = new StringBuilder();
        Csv.AppendRow(builder, result.Columns.Select(c => c.Path));
        for (var i = start; i < end; i++)
        {
            Csv.AppendRow(builder, result.GetValues(i).Select(Cell));
        }
        return RestResult.Csv(200, builder.ToString())
            .WithHeader("Sforce-Locator", end < result.RecordCount ? EncodeLocator(end) : "null")
            .WithHeader("Sforce-NumberOfRecords", (end - start).ToString(CultureInfo.InvariantCulture));
    }

    // Bulk API 2.0 writes dateTimes in UTC with a Z and empty cells for null.
    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ => FieldValues.ToInvariantString(value),
    };

    private static string EncodeLocator(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static bool TryDecodeLocator(string locator, out int offset)
    {
        offset = 0;
        try
        {
            var padded = locator.PadRight(locator.Length + (4 - locator.Length % 4) % 4, '=');
            return int.TryParse(Encoding.ASCII.GetString(Convert.FromBase64String(padded)), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void WriteJobInfo(Utf8JsonWriter writer, QueryJob job, bool details)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("operation", job.Operation);
        writer.WriteString("object", job.Object);
        writer.WriteString("createdById", job.CreatedById);
        writer.WritePropertyName("createdDate");
        FieldValues.Write(writer, job.CreatedDate);
        writer.WritePropertyName("systemModstamp");
        FieldValues.Write(writer, job.SystemModstamp);
        writer.WriteString("state", job.State);
        writer.WriteString("concurrencyMode", "Parallel");
        writer.WriteString("contentType", "CSV");
        writer.WriteNumber("apiVersion", decimal.Parse(job.ApiVersion, CultureInfo.InvariantCulture));
        writer.WriteString("lineEnding", "LF");
        writer.WriteString("columnDelimiter", "COMMA");
        if (details)
        {
            writer.WriteString("jobType", "V2Query");
            writer.WriteNumber("numberRecordsProcessed", job.Result?.RecordCount ?? 0);
            writer.WriteNumber("retries", 0);
            writer.WriteNumber("totalProcessingTime", job.ProcessingMilliseconds);
            if (job.ErrorMessage is not null)
            {
                writer.WriteString("errorMessage", job.ErrorMessage);
            }
        }
        writer.WriteEndObject();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
