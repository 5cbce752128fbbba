using System.Text.Json;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// <c>/query</c>, <c>/queryAll</c> and <c>/query/{locator}</c> (REST API Developer Guide, "Query"
/// and "QueryAll"): <c>{"totalSize","done","nextRecordsUrl","records"}</c>, each record with
/// <c>attributes{type,url}</c>. Pages hold 2,000 records unless <c>Sforce-Query-Options:
/// batchSize=N</c> asks for fewer (200 to 2,000; the size is a hint Salesforce may exceed, so values
/// outside the range are clamped rather than refused).
/// </summary>
internal static class QueryApi
{
    public const int DefaultBatchSize = 2000;
    public const int MinBatchSize = 200;

    public static RestResult Query(RestRequest request, bool includeDeleted, bool tooling)
    {
        var soql = request.QueryValue("q");
        if (string.IsNullOrWhiteSpace(soql))
        {
            // What a bare /query answers: the q parameter is required.
            return RestResult.Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlResult result;
        try
        {
            result = QueryRunner.Run(request.Services, request.Session, soql, tooling, includeDeleted);
        }
        catch (SoqlException ex)
        {
            return RestResult.Error(400, ex.ErrorCode, ex.Message);
        }
        var batchSize = BatchSize(request);
        QueryCursor? cursor = null;
        if (result.RecordCount > batchSize)
        {
            cursor = request.Services.Cursors.Open(request.Session.UserId, result, batchSize, tooling);
        }
        return Page(request, result, cursor, 0, batchSize, tooling, includeDeleted);
    }

    /// <summary>A later page: <c>/query/{locator}-{offset}</c>. A locator works through any API version.</summary>
    public static RestResult Next(RestRequest request, string locatorAndOffset, bool includeDeleted)
    {
        var dash = locatorAndOffset.LastIndexOf('-');
        var locator = dash > 0 ? locatorAndOffset[..dash] : locatorAndOffset;
        var offset = 0;
        if ((dash > 0 && !int.TryParse(locatorAndOffset.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset))
            || request.Services.Cursors.Find(locator) is not { } cursor || cursor.UserId != request.Session.UserId
            || offset > cursor.Result.RecordCount)
        {
            return RestResult.Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return Page(request, cursor.Result, cursor, offset, cursor.BatchSize, cursor.Tooling, includeDeleted);
    }

    private static RestResult Page(RestRequest request, SoqlResult result, QueryCursor? cursor, int offset, int batchSize, bool tooling, bool includeDeleted)
    {
        var records = result.GetRecords(offset, batchSize);
        var end = offset + records.Count;
        var done = end >= result.RecordCount;
        if (done && cursor is not null)
        {
            request.Services.Cursors.Close(cursor.Locator);
        }
        var basePath = tooling ? $"{request.BasePath}/tooling" : request.BasePath;
        return RestResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", result.TotalSize);
            writer.WriteBoolean("done", done);
            if (!done)
            {
                writer.WriteString("nextRecordsUrl", $"{basePath}/{(includeDeleted ? "queryAll" : "query")}/{cursor!.Locator}-{end}");
            }
            writer.WriteStartArray("records");
            foreach (var record in records)
            {
                WriteRecord(writer, basePath, record);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes a query record; parent relationships nest as records with their own attributes.</summary>
    public static void WriteRecord(Utf8JsonWriter writer, string basePath, SoqlRecord record)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", record.ObjectType);
        if (record.Id is not null)
        {
            writer.WriteString("url", $"{basePath}/sobjects/{record.ObjectType}/{record.Id}");
        }
        writer.WriteEndObject();
        foreach (var (name, value) in record.Fields)
        {
            writer.WritePropertyName(name);
            if (value is SoqlRecord parent)
            {
                WriteRecord(writer, basePath, parent);
            }
            else
            {
                FieldValues.Write(writer, value);
            }
        }
        writer.WriteEndObject();
    }

    private static int BatchSize(RestRequest request)
    {
        var options = request.HeaderValue("Sforce-Query-Options");
        if (options is null)
        {
            return DefaultBatchSize;
        }
        foreach (var part in options.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan("batchSize=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                return Math.Clamp(size, MinBatchSize, DefaultBatchSize);
            }
        }
        return DefaultBatchSize;
    }
}
