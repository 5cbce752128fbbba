using System.Text.Json;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// sObject Rows (<c>/sobjects/{T}/{id}</c>: GET, PATCH, DELETE), create (<c>POST /sobjects/{T}</c>)
/// and sObject Rows by External ID (<c>/sobjects/{T}/{field}/{value}</c>: GET, PATCH upsert,
/// DELETE), with the status codes of the REST API Developer Guide: 201 with
/// <c>{"id","success":true,"errors":[]}</c> on create, 204 on update and delete, 404 NOT_FOUND.
/// </summary>
internal static class SObjectApi
{
    public static RestResult Create(RestRequest request, ObjectDefinition definition)
    {
        if (!request.TryParseJson(out var document, out var error))
        {
            return error!;
        }
        using (document)
        {
            if (!definition.Createable)
            {
                return RestResult.Error(400, "INSUFFICIENT_ACCESS_OR_READONLY", $"You do not have permission to create {definition.LabelPlural}.");
            }
            if (ObjectAccess.CheckWrite(request, definition, "create") is { } denied)
            {
                return RestResult.Error(400, denied);
            }
            var input = RecordInput.Read(request, definition, document!.RootElement, create: true);
            if (input.Error is not null)
            {
                return RestResult.Error(400, input.Error);
            }
            var table = request.Services.Store.FindTable(definition.Name)!;
            var outcome = request.Services.Store.Write(w => w.Insert(table, input.Values, request.Session.UserId));
            if (!outcome.Success)
            {
                return RestResult.Errors(400, outcome.Errors);
            }
            return RestResult.WithStatus(201, writer => RecordJson.WriteSaveResult(writer, outcome));
        }
    }

    public static RestResult Read(RestRequest request, ObjectDefinition definition, string rawId)
    {
        if (!TryFindRow(request, definition, rawId, forWrite: false, out var row, out var error))
        {
            return error!;
        }
        if (!RecordJson.TryResolveFields(request, definition, request.QueryValue("fields"), out var fields, out error))
        {
            return error!;
        }
        return RestResult.Ok(writer => RecordJson.Write(writer, request, definition, row!, fields));
    }

    public static RestResult Update(RestRequest request, ObjectDefinition definition, string rawId)
    {
        if (!TryFindRow(request, definition, rawId, forWrite: true, out var row, out var error))
        {
            return error!;
        }
        if (!request.TryParseJson(out var document, out error))
        {
            return error!;
        }
        using (document)
        {
            if (!definition.Updateable)
            {
                return RestResult.Error(400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
            }
            if (ObjectAccess.CheckWrite(request, definition, "update") is { } denied)
            {
                return RestResult.Error(400, denied);
            }
            var input = RecordInput.Read(request, definition, document!.RootElement, create: false);
            if (input.Error is not null)
            {
                return RestResult.Error(400, input.Error);
            }
            var table = request.Services.Store.FindTable(definition.Name)!;
            var outcome = request.Services.Store.Write(w => w.Update(table, Rows.Id(row!), input.Values, request.Session.UserId));
            return outcome.Success ? RestResult.NoContent() : RestResult.Errors(StatusFor(outcome), outcome.Errors);
        }
    }

    public static RestResult Delete(RestRequest request, ObjectDefinition definition, string rawId)
    {
        if (!TryFindRow(request, definition, rawId, forWrite: true, out var row, out var error))
        {
            return error!;
        }
        if (!definition.Deletable)
        {
            return RestResult.Error(400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
        }
        if (ObjectAccess.CheckWrite(request, definition, "delete") is { } denied)
        {
            return RestResult.Error(400, denied);
        }
        var table = request.Services.Store.FindTable(definition.Name)!;
        var outcome = request.Services.Store.Write(w => w.Delete(table, Rows.Id(row!), request.Session.UserId));
        return outcome.Success ? RestResult.NoContent() : RestResult.Errors(StatusFor(outcome), outcome.Errors);
    }

    /// <summary>GET by external id: the record, or 300 with the URLs of every match.</summary>
    public static RestResult ReadByExternalId(RestRequest request, ObjectDefinition definition, string fieldName, string value)
    {
        if (!TryExternalIdField(request, definition, fieldName, out var field, out var error))
        {
            return error!;
        }
        var matches = ExternalIds.Find(request.Services.Store, definition, field!, value);
        if (matches.Count == 0)
        {
            return RestResult.NotFound();
        }
        if (matches.Count > 1)
        {
            return MultipleChoices(request, definition, matches);
        }
        if (!RecordJson.TryResolveFields(request, definition, request.QueryValue("fields"), out var fields, out error))
        {
            return error!;
        }
        return RestResult.Ok(writer => RecordJson.Write(writer, request, definition, matches[0], fields));
    }

    /// <summary>
    /// Upsert: 201 when a record is created, 200 with <c>"created": false</c> when one is updated
    /// (API 46.0 and later; 204 before), 300 when several records match.
    /// </summary>
    public static RestResult Upsert(RestRequest request, ObjectDefinition definition, string fieldName, string value)
    {
        if (!TryExternalIdField(request, definition, fieldName, out var field, out var error))
        {
            return error!;
        }
        if (!request.TryParseJson(out var document, out error))
        {
            return error!;
        }
        using (document)
        {
            var table = request.Services.Store.FindTable(definition.Name)!;
            var existing = ExternalIds.Find(request.Services.Store, definition, field!, value);
            if (existing.Count > 1)
            {
                return MultipleChoices(request, definition, existing);
            }
            var create = existing.Count == 0;
            var input = RecordInput.Read(request, definition, document!.RootElement, create, skipField: field!.Ordinal == 0 ? null : field.Name);
            if (input.Error is not null)
            {
                return RestResult.Error(400, input.Error);
            }
            if (create && field.Ordinal != 0)
            {
                if (!FieldValues.TryParse(field, value, out var key))
                {
                    return RestResult.Error(400, "JSON_PARSER_ERROR", $"Cannot deserialize {field.Name} from {value}");
                }
                input.Values[field.Name] = key;
            }
            else if (create)
            {
                // Upsert on Id with an id that matches nothing: Salesforce refuses rather than creating.
                return RestResult.NotFound();
            }
            var outcome = request.Services.Store.Write(w => create
                ? w.Insert(table, input.Values, request.Session.UserId)
                : w.Update(table, Rows.Id(existing[0]), input.Values, request.Session.UserId));
            if (!outcome.Success)
            {
                return RestResult.Errors(StatusFor(outcome), outcome.Errors);
            }
            if (create)
            {
                return RestResult.WithStatus(201, writer => RecordJson.WriteSaveResult(writer, outcome, created: request.VersionNumber >= 46 ? true : null));
            }
            return request.VersionNumber >= 46
                ? RestResult.Ok(writer => RecordJson.WriteSaveResult(writer, outcome, created: false))
                : RestResult.NoContent();
        }
    }

    public static RestResult DeleteByExternalId(RestRequest request, ObjectDefinition definition, string fieldName, string value)
    {
        if (!TryExternalIdField(request, definition, fieldName, out var field, out var error))
        {
            return error!;
        }
        var matches = ExternalIds.Find(request.Services.Store, definition, field!, value);
        if (matches.Count == 0)
        {
            return RestResult.NotFound();
        }
        if (matches.Count > 1)
        {
            return MultipleChoices(request, definition, matches);
        }
        return Delete(request, definition, Rows.Id(matches[0]));
    }

    /// <summary>Resolves the id in a record URL. A malformed id reads as an unknown external id path, as Salesforce answers it.</summary>
    public static bool TryFindRow(RestRequest request, ObjectDefinition definition, string rawId, bool forWrite, out object?[]? row, out RestResult? error)
    {
        row = null;
        error = null;
        if (!SalesforceId.TryNormalize(rawId, out var id18))
        {
            error = RestResult.Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {rawId}");
            return false;
        }
        if (!string.Equals(id18[..3], definition.KeyPrefix, StringComparison.Ordinal))
        {
            error = RestResult.Error(400, "MALFORMED_ID", $"{definition.Label} ID: id value of incorrect type: {rawId}");
            return false;
        }
        var store = request.Services.Store;
        row = store.Find(store.FindTable(definition.Name)!, id18);
        if (row is null)
        {
            error = RestResult.NotFound();
            return false;
        }
        if (Rows.IsDeleted(row, definition))
        {
            // A deleted record reads as missing; writing it says why (ENTITY_IS_DELETED).
            error = forWrite ? RestResult.Error(404, "ENTITY_IS_DELETED", "entity is deleted") : RestResult.NotFound();
            row = null;
            return false;
        }
        return true;
    }

    private static bool TryExternalIdField(RestRequest request, ObjectDefinition definition, string fieldName, out FieldDefinition? field, out RestResult? error)
    {
        error = null;
        field = definition.FindField(fieldName);
        if (field is null || !request.Services.Access.CanRead(request.Session, definition, field) || !(field.ExternalId || field.IdLookup))
        {
            error = RestResult.Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}");
            field = null;
            return false;
        }
        return true;
    }

    private static RestResult MultipleChoices(RestRequest request, ObjectDefinition definition, IReadOnlyList<object?[]> matches) =>
        RestResult.WithStatus(300, writer =>
        {
            writer.WriteStartArray();
            foreach (var match in matches)
            {
                writer.WriteStringValue($"{request.BasePath}/sobjects/{definition.Name}/{Rows.Id(match)}");
            }
            writer.WriteEndArray();
        });

    private static int StatusFor(SaveOutcome outcome) => outcome.Errors[0].ErrorCode switch
    {
        "NOT_FOUND" or "ENTITY_IS_DELETED" => 404,
        _ => 400,
    };
}
