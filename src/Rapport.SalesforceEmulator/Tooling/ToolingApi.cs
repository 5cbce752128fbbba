using System.Text.Json;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Rest;

namespace Rapport.SalesforceEmulator.Tooling;

/// <summary>
/// The Tooling API under <c>/tooling/</c>: global and object describe, <c>/tooling/query</c> and
/// <c>/tooling/sobjects/CustomField</c> (create, read with Metadata, delete). Schema access needs
/// Modify All Data; without it every call fails with INSUFFICIENT_ACCESS, the error integrations
/// report when their user lacks the permission ("use of the Metadata API requires a user with the
/// ModifyAllData permission").
/// </summary>
internal static class ToolingApi
{
    public static RestResult Route(RestRequest request)
    {
        if (!request.Session.HasPermission(EmulatorPermissions.ModifyAllData))
        {
            return RestResult.Error(403, "INSUFFICIENT_ACCESS", "use of the Metadata API requires a user with the ModifyAllData permission");
        }
        var s = request.Segments;
        if (s.Count < 2)
        {
            return RestResult.NotFound();
        }
        switch (s[1])
        {
            case "query":
                return RestRouter.Query(request, s.Skip(1).ToList(), includeDeleted: false, tooling: true);
            case "sobjects" when s.Count >= 3 && s[2].Equals("CustomField", StringComparison.OrdinalIgnoreCase):
                return CustomField(request, s);
            case "sobjects":
                return RestRouter.SObjects(request, s.Skip(1).ToList(), tooling: true);
            default:
                return RestResult.NotFound();
        }
    }

    private static RestResult CustomField(RestRequest request, IReadOnlyList<string> s)
    {
        var definition = request.Services.Store.FindObject("CustomField")!;
        return (s.Count, request.Method) switch
        {
            (3, "POST") => Create(request),
            (3, "GET") => DescribeApi.Basic(request, definition, tooling: true),
            (4, "GET") when s[3] == "describe" => DescribeApi.Describe(request, definition, tooling: true),
            (4, "GET") => Read(request, definition, s[3]),
            (3, _) => RestRouter.NotAllowed(request, "GET", "POST"),
            _ => RestResult.NotFound(),
        };
    }

    private static RestResult Create(RestRequest request)
    {
        if (!request.TryParseJson(out var document, out var parseError))
        {
            return parseError!;
        }
        using (document)
        {
            var store = request.Services.Store;
            if (ActivityFieldName(document!.RootElement) is { } activityField)
            {
                return CreateActivityField(request, document.RootElement, activityField);
            }
            if (!CustomFieldFactory.TryCreate(store, document.RootElement, out var target, out var field, out var error))
            {
                return RestResult.Error(400, error!);
            }
            try
            {
                store.AddField(target!, field!);
            }
            catch (InvalidOperationException)
            {
                return RestResult.Error(400, "DUPLICATE_DEVELOPER_NAME", $"There is already a field named {field!.Name[..^3]} on {target!.Name}.");
            }
            var outcome = CustomFieldRecords.Insert(store, target!, field!, request.Session.UserId);
            return Created(outcome);
        }
    }

    /// <summary>The field name of an <c>Activity.X__c</c> FullName, or null for any other object.</summary>
    private static string? ActivityFieldName(JsonElement body)
    {
        var fullName = body.TryGetProperty("FullName", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return fullName is not null && fullName.StartsWith("Activity.", StringComparison.OrdinalIgnoreCase) ? fullName["Activity.".Length..] : null;
    }

    /// <summary>
    /// Activity custom fields ("Activity Custom Fields", Salesforce Help): defined once on Activity,
    /// they appear on both Task and Event, and a Task.X__c or Event.X__c FullName is not how they are made.
    /// </summary>
    private static RestResult CreateActivityField(RestRequest request, JsonElement body, string fieldName)
    {
        var store = request.Services.Store;
        var created = new List<(ObjectDefinition Target, FieldDefinition Field)>();
        foreach (var objectName in new[] { "Task", "Event" })
        {
            if (!CustomFieldFactory.TryCreate(store, body, out var target, out var field, out var error, $"{objectName}.{fieldName}"))
            {
                return RestResult.Error(400, error!);
            }
            created.Add((target!, field!));
        }
        foreach (var (target, field) in created)
        {
            store.AddField(target, field);
        }
        return Created(CustomFieldRecords.Insert(store, created[0].Target, created[0].Field, request.Session.UserId, "Activity"));
    }

    private static RestResult Created(SaveOutcome outcome) =>
        RestResult.WithStatus(201, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", outcome.Id);
            writer.WriteBoolean("success", true);
            writer.WriteStartArray("errors");
            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            writer.WriteEndArray();
            writer.WriteStartArray("infos");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static RestResult Read(RestRequest request, ObjectDefinition definition, string rawId)
    {
        if (!SObjectApi.TryFindRow(request, definition, rawId, forWrite: false, out var row, out var error))
        {
            return error!;
        }
        var store = request.Services.Store;
        var tableName = Rows.Get(row!, definition, "TableEnumOrId") as string;
        var fieldName = Rows.Get(row!, definition, "DeveloperName") + "__c";
        // An Activity field lives on Task and Event alike; Task's copy answers for it.
        var field = tableName is null ? null : store.FindObject(tableName == "Activity" ? "Task" : tableName)?.FindField(fieldName);
        return RestResult.Ok(writer =>
        {
            writer.WriteStartObject();
            RecordJson.WriteAttributes(writer, $"{request.BasePath}/tooling", definition.Name, Rows.Id(row!));
            foreach (var f in definition.Fields)
            {
                writer.WritePropertyName(f.Name);
                FieldValues.Write(writer, Rows.Get(row!, f));
            }
            if (field is not null)
            {
                writer.WritePropertyName("Metadata");
                CustomFieldRecords.WriteMetadata(writer, field);
            }
            writer.WriteEndObject();
        });
    }
}
