using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Get Updated / Get Deleted (<c>/sobjects/{T}/updated/?start=&amp;end=</c> and <c>/deleted/</c>),
/// the replication resources. As documented, the covered window ends at the minute boundary
/// (<c>latestDateCovered</c> has zero seconds), may not reach back more than 30 days, and a start
/// after the end is refused.
/// </summary>
internal static class ChangedRecordsApi
{
    public static RestResult Updated(RestRequest request, ObjectDefinition definition) =>
        Run(request, definition, deleted: false);

    public static RestResult Deleted(RestRequest request, ObjectDefinition definition) =>
        Run(request, definition, deleted: true);

    private static RestResult Run(RestRequest request, ObjectDefinition definition, bool deleted)
    {
        var startText = request.QueryValue("start");
        var endText = request.QueryValue("end");
        if (startText is null || endText is null)
        {
            return RestResult.Error(400, "MISSING_ARGUMENT", $"Missing argument: {(startText is null ? "start" : "end")}");
        }
        if (!FieldValues.TryParseDateTime(startText, out var start) || !FieldValues.TryParseDateTime(endText, out var end))
        {
            return RestResult.Error(400, "INVALID_REPLICATION_DATE", $"Unable to parse date: {(FieldValues.TryParseDateTime(startText, out _) ? endText : startText)}");
        }
        var now = request.Services.Store.Now;
        start = FloorMinute(start);
        var covered = FloorMinute(end < now ? end : now);
        if (start > covered)
        {
            return RestResult.Error(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
        }
        if (start < now.AddDays(-30))
        {
            return RestResult.Error(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than 30 days ago");
        }
        if (!definition.Replicateable)
        {
            return RestResult.Error(400, "INVALID_TYPE", $"sObject type '{definition.Name}' is not supported for replication.");
        }
        var table = request.Services.Store.FindTable(definition.Name)!;
        var stampField = definition.FindField("SystemModstamp")!;
        var matches = new List<(string Id, DateTime Stamp)>();
        var (rows, count) = table.Snapshot();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is { } row && Rows.Get(row, stampField) is DateTime stamp && stamp >= start && stamp < covered
                && Rows.IsDeleted(row, definition) == deleted)
            {
                matches.Add((Rows.Id(row), stamp));
            }
        }
        return RestResult.Ok(writer =>
        {
            writer.WriteStartObject();
            if (deleted)
            {
                writer.WriteStartArray("deletedRecords");
                foreach (var (id, stamp) in matches)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WritePropertyName("deletedDate");
                    FieldValues.Write(writer, stamp);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WritePropertyName("earliestDateAvailable");
                FieldValues.Write(writer, FloorMinute(now.AddDays(-30)));
            }
            else
            {
                writer.WriteStartArray("ids");
                foreach (var (id, _) in matches)
                {
                    writer.WriteStringValue(id);
                }
                writer.WriteEndArray();
            }
            writer.WritePropertyName("latestDateCovered");
            FieldValues.Write(writer, covered);
            writer.WriteEndObject();
        });
    }

    private static DateTime FloorMinute(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
