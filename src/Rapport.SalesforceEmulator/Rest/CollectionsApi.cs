using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// sObject Collections (<c>/composite/sobjects</c>): create (POST), update (PATCH), delete (DELETE
/// <c>?ids=</c>), retrieve (GET or POST <c>/{T}</c>) and upsert (PATCH <c>/{T}/{externalIdField}</c>).
/// Up to 200 records; one SaveResult per record in request order; with <c>allOrNone</c> every
/// change is rolled back when one record fails, the others reporting
/// ALL_OR_NONE_OPERATION_ROLLED_BACK (REST API Developer Guide, "sObject Collections").
/// </summary>
internal static class CollectionsApi
{
    public const int MaxRecords = 200;

    private static readonly SalesforceError RolledBack = new(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header");

    private static readonly SalesforceError Locked = new("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records");

    private static readonly SalesforceError TooMany = new(
        "EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call");

    public static RestResult Route(RestRequest request, IReadOnlyList<string> s) => (s.Count, request.Method) switch
    {
        (2, "POST") => Save(request, Operation.Create, null, null),
        (2, "PATCH") => Save(request, Operation.Update, null, null),
        (2, "DELETE") => Delete(request),
        (2, _) => RestRouter.NotAllowed(request, "POST", "PATCH", "DELETE"),
        (3, "GET" or "POST") => Retrieve(request, s[2]),
        (4, "PATCH") => Save(request, Operation.Upsert, s[2], s[3]),
        _ => RestResult.NotFound(),
    };

    private enum Operation
    {
        Create,
        Update,
        Upsert,
    }

    private static RestResult Save(RestRequest request, Operation operation, string? upsertType, string? upsertField)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                return RestResult.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of the request body: expected {\"allOrNone\": …, \"records\": […]}");
            }
            if (records.GetArrayLength() > MaxRecords)
            {
                return RestResult.Error(400, TooMany);
            }
            var allOrNone = root.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
            ObjectDefinition? upsertDefinition = null;
            FieldDefinition? keyField = null;
            if (operation == Operation.Upsert)
            {
                upsertDefinition = request.Services.Store.FindObject(upsertType!);
                keyField = upsertDefinition?.FindField(upsertField!);
                if (upsertDefinition is null || upsertDefinition.Tooling)
                {
                    return RestResult.NotFound();
                }
                if (keyField is null || !(keyField.ExternalId || keyField.Ordinal == 0) || !request.Services.Access.CanRead(request.Session, upsertDefinition, keyField))
                {
                    return RestResult.Error(400, "INVALID_FIELD", $"Field name provided, {upsertField} is not an External ID or indexed field for {upsertDefinition.Name}");
                }
            }

            // Parse every record first: a JSON type error fails the whole request, as Salesforce
            // deserialises the body before saving anything.
            var inputs = new List<(ObjectDefinition? Definition, RecordInput.Result? Input, string? Id, SalesforceError? Error)>();
            foreach (var record in records.EnumerateArray())
            {
                var parsed = Prepare(request, record, operation, upsertDefinition, keyField);
                if (parsed.Input?.IsParseError == true)
                {
                    return RestResult.Error(400, parsed.Input.Error!);
                }
                inputs.Add(parsed);
            }

            var outcomes = request.Services.Store.Write(writer =>
            {
                var savepoint = writer.Savepoint();
                var results = new SaveOutcome[inputs.Count];
                var failed = false;
                for (var i = 0; i < inputs.Count; i++)
                {
                    var (definition, input, id, problem) = inputs[i];
                    if (problem is not null || input!.Error is not null)
                    {
                        results[i] = SaveOutcome.Fail(problem ?? input!.Error!, id);
                    }
                    else if (request.Services.Faults.LockRecord(request.BasePath + "/" + string.Join('/', request.Segments)))
                    {
                        results[i] = SaveOutcome.Fail(Locked, id);
                    }
                    else
                    {
                        var table = request.Services.Store.FindTable(definition!.Name)!;
                        results[i] = operation switch
                        {
                            Operation.Create => writer.Insert(table, input.Values, request.Session.UserId),
                            Operation.Update => writer.Update(table, id!, input.Values, request.Session.UserId),
                            _ => UpsertOne(request, writer, table, keyField!, input.Values),
                        };
                    }
                    failed |= !results[i].Success;
                }
                if (failed && allOrNone)
                {
                    writer.RollbackTo(savepoint);
                    for (var i = 0; i < results.Length; i++)
                    {
                        if (results[i].Success)
                        {
                            results[i] = new SaveOutcome(operation == Operation.Create ? null : results[i].Id, [RolledBack]);
                        }
                        else if (operation == Operation.Create)
                        {
                            results[i] = results[i] with { Id = null };
                        }
                    }
                }
                return results;
            });
            return RestResult.Ok(writer =>
            {
                writer.WriteStartArray();
                foreach (var outcome in outcomes)
                {
                    RecordJson.WriteSaveResult(writer, outcome, operation == Operation.Upsert && outcome.Success ? outcome.Created : null);
                }
                writer.WriteEndArray();
            });
        }
    }

    private static (ObjectDefinition? Definition, RecordInput.Result? Input, string? Id, SalesforceError? Error) Prepare(
        RestRequest request, JsonElement record, Operation operation, ObjectDefinition? upsertDefinition, FieldDefinition? keyField)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return (null, new RecordInput.Result([], new SalesforceError("JSON_PARSER_ERROR", "Cannot deserialize instance of SObject from a non-object value")), null, null);
        }
        string? type = null;
        if (record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String)
        {
            type = typeElement.GetString();
        }
        type ??= upsertDefinition?.Name;
        string? id = null;
        if (record.TryGetProperty("id", out var idElement) || record.TryGetProperty("Id", out idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        }
        if (type is null)
        {
            return (null, null, id, new SalesforceError("INVALID_TYPE", "Must send a concrete entity type."));
        }
        var definition = request.Services.Store.FindObject(type);
        if (definition is null || definition.Tooling || (upsertDefinition is not null && definition != upsertDefinition))
        {
            return (null, null, id, new SalesforceError("INVALID_TYPE", $"sObject type '{type}' is not supported."));
        }
        if (ObjectAccess.CheckWrite(request, definition, operation == Operation.Update ? "update" : "create") is { } denied)
        {
            return (definition, null, id, denied);
        }
        if (operation == Operation.Update)
        {
            if (id is null)
            {
                return (definition, null, null, new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call"));
            }
            if (!SalesforceId.TryNormalize(id, out var id18) || id18[..3] != definition.KeyPrefix)
            {
                return (definition, null, id, new SalesforceError("MALFORMED_ID", $"{definition.Label} ID: id value of incorrect type: {id}", ["Id"]));
            }
            id = id18;
        }
        if (operation == Operation.Create && id is not null)
        {
            return (definition, null, null, new SalesforceError("INVALID_FIELD", "cannot specify Id in an insert call", ["Id"]));
        }
        var create = operation != Operation.Update;
        var input = RecordInput.Read(request, definition, record, create);
        if (operation == Operation.Upsert && input.Error is null && (!input.Values.TryGetValue(keyField!.Name, out var key) || key is null) && keyField.Ordinal != 0)
        {
            return (definition, input, null, new SalesforceError("MISSING_ARGUMENT", $"{keyField.Name} not specified", [keyField.Name]));
        }
        return (definition, input, id, null);
    }

    private static SaveOutcome UpsertOne(RestRequest request, OrgWriter writer, ObjectTable table, FieldDefinition keyField, Dictionary<string, object?> values)
    {
        var key = FieldValues.ToInvariantString(values[keyField.Name]!);
        var matches = ExternalIds.FindUnlocked(table, keyField, key);
        if (matches.Count > 1)
        {
            return SaveOutcome.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID",
                $"{keyField.Name}: more than one record found for external id field: [{string.Join(", ", matches.Select(Rows.Id))}]", [keyField.Name]));
        }
        if (matches.Count == 0)
        {
            return writer.Insert(table, values, request.Session.UserId);
        }
        var updateValues = new Dictionary<string, object?>(values, StringComparer.OrdinalIgnoreCase);
        updateValues.Remove(keyField.Name);
        var outcome = writer.Update(table, Rows.Id(matches[0]), updateValues, request.Session.UserId);
        return outcome with { Created = false };
    }

    private static RestResult Delete(RestRequest request)
    {
        var ids = (request.QueryValue("ids") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return RestResult.Error(400, "MISSING_ARGUMENT", "ids parameter is required");
        }
        if (ids.Length > MaxRecords)
        {
            return RestResult.Error(400, TooMany);
        }
        var allOrNone = string.Equals(request.QueryValue("allOrNone"), "true", StringComparison.OrdinalIgnoreCase);
        var store = request.Services.Store;
        var outcomes = store.Write(writer =>
        {
            var savepoint = writer.Savepoint();
            var results = new SaveOutcome[ids.Length];
            var failed = false;
            for (var i = 0; i < ids.Length; i++)
            {
                if (!SalesforceId.TryNormalize(ids[i], out var id18) || store.FindTableById(id18) is not { } table || table.Definition.Tooling)
                {
                    results[i] = SaveOutcome.Fail(new SalesforceError("MALFORMED_ID", $"malformed id {ids[i]}"), ids[i]);
                }
                else if (!table.Definition.Deletable || ObjectAccess.CheckWrite(request, table.Definition, "delete") is not null)
                {
                    results[i] = SaveOutcome.Fail(new SalesforceError("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id"), id18);
                }
                else
                {
                    results[i] = writer.Delete(table, id18, request.Session.UserId);
                    if (results[i].Errors is [{ ErrorCode: "NOT_FOUND" }])
                    {
                        results[i] = SaveOutcome.Fail(new SalesforceError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"), id18);
                    }
                }
                failed |= !results[i].Success;
            }
            if (failed && allOrNone)
            {
                writer.RollbackTo(savepoint);
                for (var i = 0; i < results.Length; i++)
                {
                    if (results[i].Success)
                    {
                        results[i] = new SaveOutcome(results[i].Id, [RolledBack]);
                    }
                }
            }
            return results;
        });
        return RestResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var outcome in outcomes)
            {
                RecordJson.WriteSaveResult(writer, outcome);
            }
            writer.WriteEndArray();
        });
    }

    /// <summary>Retrieve: one record or null per id, in request order; <c>fields</c> is required.</summary>
    private static RestResult Retrieve(RestRequest request, string type)
    {
        var definition = request.Services.Store.FindObject(type);
        if (definition is null || definition.Tooling)
        {
            return RestResult.NotFound();
        }
        string[] ids;
        string? fieldList;
        if (request.Method == "POST")
        {
            if (!request.TryParseJson(out var document, out var error))
            {
                return error!;
            }
            using (document)
            {
                var root = document!.RootElement;
                ids = root.TryGetProperty("ids", out var idArray) && idArray.ValueKind == JsonValueKind.Array
                    ? [.. idArray.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
                    : [];
                fieldList = root.TryGetProperty("fields", out var fieldArray) && fieldArray.ValueKind == JsonValueKind.Array
                    ? string.Join(',', fieldArray.EnumerateArray().Select(e => e.GetString()))
                    : null;
            }
        }
        else
        {
            ids = (request.QueryValue("ids") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            fieldList = request.QueryValue("fields");
        }
        if (string.IsNullOrWhiteSpace(fieldList))
        {
            return RestResult.Error(400, "MISSING_ARGUMENT", "fields parameter is required");
        }
        if (ids.Length > 2000)
        {
            return RestResult.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records into this call");
        }
        if (!RecordJson.TryResolveFields(request, definition, fieldList, out var fields, out var fieldError))
        {
            return fieldError!;
        }
        var table = request.Services.Store.FindTable(definition.Name)!;
        var rows = ids.Select(id => SalesforceId.TryNormalize(id, out var id18) && request.Services.Store.Find(table, id18) is { } row && !Rows.IsDeleted(row, definition) ? row : null).ToList();
        return RestResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                if (row is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    RecordJson.Write(writer, request, definition, row, fields);
                }
            }
            writer.WriteEndArray();
        });
    }
}
