using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Rest;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>
/// Bulk API 2.0 ingest (<c>/jobs/ingest</c>): create a job, PUT CSV to <c>/batches</c>, PATCH the
/// state to <c>UploadComplete</c> (or <c>Aborted</c>), poll the JobInfo, then read
/// <c>successfulResults</c> (<c>sf__Id, sf__Created</c>), <c>failedResults</c>
/// (<c>sf__Id, sf__Error</c>) and <c>unprocessedrecords</c> as CSV (Bulk API 2.0 Developer Guide).
/// The job is processed when the upload completes; each record is saved on its own, so one bad row
/// does not fail the others.
/// </summary>
internal static class BulkIngestApi
{
    private static readonly string[] Operations = ["insert", "update", "upsert", "delete", "hardDelete"];

    public static RestResult Route(RestRequest request)
    {
        var s = request.Segments;
        if (request.VersionNumber < 41)
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
        if (request.Services.BulkJobs.FindIngest(s[2]) is not { } job)
        {
            return RestResult.NotFound();
        }
        if (s.Count == 3)
        {
            return request.Method switch
            {
                "GET" => RestResult.Ok(writer => WriteJobInfo(writer, job, details: true)),
                "PATCH" => ChangeState(request, job),
                "DELETE" => Delete(request, job),
                _ => RestRouter.NotAllowed(request, "GET", "PATCH", "DELETE"),
            };
        }
        return (s[3], request.Method) switch
        {
            ("batches", "PUT") => Upload(request, job),
            ("successfulResults", "GET") => Results(job, successful: true),
            ("failedResults", "GET") => Results(job, successful: false),
            ("unprocessedrecords", "GET") => Unprocessed(job),
            _ => RestResult.NotFound(),
        };
    }

    private static RestResult Create(RestRequest request)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            var root = document!.RootElement;
            var objectName = Text(root, "object");
            var operation = Text(root, "operation");
            if (objectName is null || operation is null || !Operations.Contains(operation))
            {
                return RestResult.Error(400, "INVALIDJOB", $"InvalidJob : Invalid job operation or object: {operation ?? "(none)"} {objectName ?? "(none)"}");
            }
            var definition = request.Services.Store.FindObject(objectName);
            if (definition is null || definition.Tooling)
            {
                return RestResult.Error(400, "INVALIDENTITY", $"InvalidEntity : Entity '{objectName}' is not supported by the Bulk API.");
            }
            var externalId = Text(root, "externalIdFieldName");
            if (operation == "upsert" && (externalId is null || definition.FindField(externalId) is not { } key || !(key.ExternalId || key.Ordinal == 0)))
            {
                return RestResult.Error(400, "INVALIDJOB", $"InvalidJob : External ID was blank or not a valid external id field for {definition.Name}: {externalId}");
            }
            var contentType = Text(root, "contentType") ?? "CSV";
            if (contentType != "CSV")
            {
                return RestResult.Error(400, "INVALIDJOB", "InvalidJob : contentType must be CSV");
            }
            var now = request.Services.Store.Now;
            var job = new IngestJob
            {
                Id = request.Services.BulkJobs.NextId(),
                Object = definition.Name,
                Operation = operation,
                ExternalIdFieldName = operation == "upsert" ? definition.FindField(externalId!)!.Name : null,
                CreatedById = request.Session.UserId,
                CreatedDate = now,
                SystemModstamp = now,
                ApiVersion = request.Version,
                LineEnding = Text(root, "lineEnding") ?? "LF",
            };
            request.Services.BulkJobs.Add(job);
            return RestResult.Ok(writer => WriteJobInfo(writer, job, details: false));
        }
    }

    private static RestResult List(RestRequest request)
    {
        var jobs = request.Services.BulkJobs.IngestJobs().OrderBy(j => j.CreatedDate).ToList();
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

    private static RestResult Upload(RestRequest request, IngestJob job)
    {
        lock (job)
        {
            if (job.State != "Open")
            {
                return RestResult.Error(409, "INVALIDJOBSTATE", $"InvalidJobState : Unable to upload data for a job in state {job.State}");
            }
            job.Uploads.Add(Encoding.UTF8.GetString(request.Body.Span));
            return RestResult.WithStatus(201, null);
        }
    }

    private static RestResult ChangeState(RestRequest request, IngestJob job)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        string? state;
        using (document)
        {
            state = Text(document!.RootElement, "state");
        }
        lock (job)
        {
            switch (state)
            {
                case "UploadComplete" when job.State == "Open":
                    job.State = "UploadComplete";
                    job.SystemModstamp = request.Services.Store.Now;
                    var copy = Clone(job);
                    var snapshot = RestResult.Ok(writer => WriteJobInfo(writer, copy, details: false));
                    Process(request, job);
                    return snapshot;
                case "Aborted" when job.State is "Open" or "UploadComplete" or "InProgress":
                    job.State = "Aborted";
                    job.SystemModstamp = request.Services.Store.Now;
                    foreach (var upload in job.Uploads)
                    {
                        var rows = Csv.Parse(upload);
                        job.Header = rows.Count > 0 ? rows[0] : job.Header;
                        job.Unprocessed.AddRange(rows.Skip(1));
                    }
                    return RestResult.Ok(writer => WriteJobInfo(writer, job, details: false));
                default:
                    return RestResult.Error(400, "INVALIDJOBSTATE", $"InvalidJobState : Changing the state of a job from {job.State} to {state ?? "(none)"} is not allowed");
            }
        }
    }

    private static RestResult Delete(RestRequest request, IngestJob job)
    {
        if (job.State is "Open" or "UploadComplete" or "InProgress")
        {
            return RestResult.Error(400, "INVALIDJOBSTATE", $"InvalidJobState : A job in state {job.State} cannot be deleted");
        }
        request.Services.BulkJobs.Remove(job.Id);
        return RestResult.NoContent();
    }

    /// <summary>Saves every uploaded row; a header naming an unknown field fails the whole job, as Salesforce does.</summary>
    private static void Process(RestRequest request, IngestJob job)
    {
        var watch = Stopwatch.StartNew();
        var store = request.Services.Store;
        var table = store.FindTable(job.Object)!;
        var definition = table.Definition;
        job.State = "InProgress";
        foreach (var upload in job.Uploads)
        {
            var rows = Csv.Parse(upload);
            if (rows.Count == 0)
            {
                continue;
            }
            var header = rows[0];
            job.Header = header;
            var fields = new FieldDefinition?[header.Length];
            for (var c = 0; c < header.Length; c++)
            {
                var field = definition.FindField(header[c].Trim());
                if (field is null || !request.Services.Access.CanRead(request.Session, definition, field))
                {
                    job.State = "Failed";
                    job.ErrorMessage = $"InvalidBatch : Field name not found : {header[c]}";
                    job.Unprocessed.AddRange(rows.Skip(1));
                    return;
                }
                fields[c] = field;
            }
            foreach (var row in rows.Skip(1))
            {
                var (outcome, id) = SaveRow(request, job, table, fields, row);
                if (outcome.Success)
                {
                    job.Successful.Add((outcome.Id!, outcome.Created, row));
                }
                else
                {
                    var e = outcome.Errors[0];
                    job.Failed.Add((outcome.Id ?? id, $"{e.ErrorCode}:{e.Message}:{string.Join(",", e.Fields)} --", row));
                }
            }
        }
        job.State = "JobComplete";
        job.SystemModstamp = store.Now;
        job.ProcessingMilliseconds = watch.ElapsedMilliseconds;
    }

    private static (SaveOutcome Outcome, string? Id) SaveRow(RestRequest request, IngestJob job, ObjectTable table, FieldDefinition?[] fields, string[] row)
    {
        var definition = table.Definition;
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        string? id = null;
        var create = job.Operation is "insert" or "upsert";
        var denied = new List<string>();
        for (var c = 0; c < fields.Length && c < row.Length; c++)
        {
            var field = fields[c]!;
            var cell = row[c];
            if (field.Ordinal == 0)
            {
                id = cell;
                continue;
            }
            if (cell.Length == 0)
            {
                // An empty cell leaves the field unchanged; #N/A sets it to null.
                continue;
            }
            if (!(create ? field.Createable : field.Updateable) || !request.Services.Access.CanEdit(request.Session, definition, field))
            {
                if (field.Name != job.ExternalIdFieldName)
                {
                    denied.Add(field.Name);
                    continue;
                }
            }
            if (cell == "#N/A")
            {
                values[field.Name] = null;
            }
            else if (FieldValues.TryParse(field, cell, out var value))
            {
                values[field.Name] = value;
            }
            else
            {
                return (SaveOutcome.Fail(new SalesforceError("INVALID_FIELD", $"{field.Label}: bad value for field: {cell}", [field.Name])), id);
            }
        }
        if (denied.Count > 0 && job.Operation is not ("delete" or "hardDelete"))
        {
            return (SaveOutcome.Fail(new SalesforceError("INVALID_FIELD_FOR_INSERT_UPDATE", $"Unable to create/update fields: {string.Join(", ", denied)}.", denied)), id);
        }
        string? id18 = null;
        if (job.Operation is "update" or "delete" or "hardDelete" && (id is null || !SalesforceId.TryNormalize(id, out id18) || id18[..3] != definition.KeyPrefix))
        {
            return (SaveOutcome.Fail(new SalesforceError(id is null ? "MISSING_ARGUMENT" : "MALFORMED_ID", id is null ? "Id not specified in an update call" : $"{definition.Label} ID: id value of incorrect type: {id}", ["Id"])), id);
        }
        var store = request.Services.Store;
        var user = request.Session.UserId;
        var outcome = store.Write(writer => job.Operation switch
        {
            "insert" => writer.Insert(table, values, user),
            "update" => writer.Update(table, id18!, values, user),
            "delete" or "hardDelete" => writer.Delete(table, id18!, user),
            _ => Upsert(writer, table, definition.FindField(job.ExternalIdFieldName!)!, values, id, user),
        });
        return (outcome, id18 ?? id);
    }

    private static SaveOutcome Upsert(OrgWriter writer, ObjectTable table, FieldDefinition key, Dictionary<string, object?> values, string? id, string user)
    {
        var keyText = key.Ordinal == 0 ? id : values.TryGetValue(key.Name, out var value) && value is not null ? FieldValues.ToInvariantString(value) : null;
        if (keyText is null)
        {
            return SaveOutcome.Fail(new SalesforceError("MISSING_ARGUMENT", $"{key.Name} not specified", [key.Name]));
        }
        var matches = ExternalIds.FindUnlocked(table, key, keyText);
        if (matches.Count > 1)
        {
            return SaveOutcome.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID", $"{key.Name}: more than one record found for external id field: [{string.Join(", ", matches.Select(Rows.Id))}]", [key.Name]));
        }
        if (matches.Count == 0)
        {
            return writer.Insert(table, values, user);
        }
        values.Remove(key.Name);
        return writer.Update(table, Rows.Id(matches[0]), values, user) with { Created = false };
    }

    private static RestResult Results(IngestJob job, bool successful)
    {
        var builder = new StringBuilder();
        var ending = job.LineEnding == "CRLF" ? "\r\n" : "\n";
        if (successful)
        {
            Csv.AppendRow(builder, ["sf__Id", "sf__Created", .. job.Header], ending);
            foreach (var (id, created, row) in job.Successful)
            {
                Csv.AppendRow(builder, [id, created ? "true" : "false", .. row], ending);
            }
        }
        else
        {
            Csv.AppendRow(builder, ["sf__Id", "sf__Error", .. job.Header], ending);
            foreach (var (id, error, row) in job.Failed)
            {
                Csv.AppendRow(builder, [id ?? string.Empty, error, .. row], ending);
            }
        }
        return RestResult.Csv(200, builder.ToString());
    }

    private static RestResult Unprocessed(IngestJob job)
    {
        var builder = new StringBuilder();
        Csv.AppendRow(builder, job.Header);
        foreach (var row in job.Unprocessed)
        {
            Csv.AppendRow(builder, row);
        }
        return RestResult.Csv(200, builder.ToString());
    }

    private static IngestJob Clone(IngestJob job) => new()
    {
        Id = job.Id, Object = job.Object, Operation = job.Operation, ExternalIdFieldName = job.ExternalIdFieldName,
        CreatedById = job.CreatedById, CreatedDate = job.CreatedDate, ApiVersion = job.ApiVersion, LineEnding = job.LineEnding,
        SystemModstamp = job.SystemModstamp, State = job.State,
    };

    /// <summary>JobInfo as the Bulk API 2.0 Developer Guide shows it; <paramref name="details"/> adds the processing counters of "Get Job Info".</summary>
    private static void WriteJobInfo(Utf8JsonWriter writer, IngestJob job, bool details)
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
        if (job.ExternalIdFieldName is not null)
        {
            writer.WriteString("externalIdFieldName", job.ExternalIdFieldName);
        }
        writer.WriteString("concurrencyMode", "Parallel");
        writer.WriteString("contentType", "CSV");
        writer.WriteNumber("apiVersion", decimal.Parse(job.ApiVersion, System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("contentUrl", $"services/data/v{job.ApiVersion}/jobs/ingest/{job.Id}/batches");
        writer.WriteString("lineEnding", job.LineEnding);
        writer.WriteString("columnDelimiter", "COMMA");
        if (details)
        {
            writer.WriteString("jobType", "V2Ingest");
            writer.WriteNumber("numberRecordsProcessed", job.Successful.Count + job.Failed.Count);
            writer.WriteNumber("numberRecordsFailed", job.Failed.Count);
            writer.WriteNumber("retries", 0);
            writer.WriteNumber("totalProcessingTime", job.ProcessingMilliseconds);
            writer.WriteNumber("apiActiveProcessingTime", job.ProcessingMilliseconds);
            writer.WriteNumber("apexProcessingTime", 0);
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
