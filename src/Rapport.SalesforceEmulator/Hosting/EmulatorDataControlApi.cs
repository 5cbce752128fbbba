using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Rest;
using Rapport.SalesforceEmulator.Seeding;

namespace Rapport.SalesforceEmulator.Hosting;

/// <summary>
/// Test and demo controls for the org's data under <c>/__emulator/</c> (never under Salesforce's
/// paths): reset, seed, save, convert a lead, and change records "as a Salesforce user would" —
/// through the same validation as the API, stamped with that user as LastModifiedById — plus a raw
/// read that ignores field-level security and shows deleted records.
/// </summary>
internal static class EmulatorDataControlApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/__emulator");
        group.MapPost("/data/reset", Reset);
        group.MapPost("/data/seed", SeedAsync);
        group.MapPost("/data/save", Save);
        group.MapGet("/data/counts", Counts);
        group.MapPost("/leads/{id}/convert", ConvertAsync);
        group.MapGet("/records/{type}/{id}", ReadRaw);
        group.MapPost("/records/{type}", CreateAsync);
        group.MapPatch("/records/{type}/{id}", UpdateAsync);
        group.MapDelete("/records/{type}/{id}", Delete);
        group.MapPost("/records/{type}/{id}/undelete", Undelete);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<Dictionary<string, int>> Reset(OrgStore store, QueryCursors cursors)
    {
        store.Reset();
        cursors.Clear();
        return TypedResults.Ok(CountsOf(store));
    }

    private static async Task<IResult> SeedAsync(HttpRequest request, OrgStore store)
    {
        var plan = SeedPlan.ForContacts(100);
        if (request.ContentLength is > 0 || request.Headers.ContentType.Count > 0)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                var root = document.RootElement;
                var contacts = Int(root, "contacts") ?? 100;
                var defaults = SeedPlan.ForContacts(contacts);
                plan = new SeedPlan(
                    Int(root, "accounts") ?? defaults.Accounts,
                    contacts,
                    Int(root, "leads") ?? defaults.Leads,
                    Int(root, "opportunities") ?? defaults.Opportunities);
            }
            catch (JsonException ex)
            {
                return TypedResults.BadRequest(new { error = $"The seed body is not JSON: {ex.Message}" });
            }
        }
        if (plan.Accounts < 0 || plan.Contacts < 0 || plan.Leads < 0 || plan.Opportunities < 0)
        {
            return TypedResults.BadRequest(new { error = "Counts cannot be negative." });
        }
        var watch = Stopwatch.StartNew();
        OrgSeeder.Seed(store, plan);
        return TypedResults.Ok(new { plan, elapsedMs = watch.ElapsedMilliseconds, counts = CountsOf(store) });
    }

    private static IResult Save(SnapshotService snapshots, EmulatorOptions options)
    {
        if (options.DataFile is null)
        {
            return TypedResults.BadRequest(new { error = "The emulator was started without --data FILE; there is nowhere to save." });
        }
        snapshots.SaveIfChanged();
        return TypedResults.Ok(new { file = options.DataFile });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<Dictionary<string, int>> Counts(OrgStore store) => TypedResults.Ok(CountsOf(store));

    private static Dictionary<string, int> CountsOf(OrgStore store) =>
        store.Objects.Where(o => !o.Tooling).OrderBy(o => o.Name, StringComparer.Ordinal).ToDictionary(o => o.Name, o => store.Count(o.Name));

    /// <summary>
    /// Converts a lead as the Convert button does: an account (the given one or a new one named after
    /// the company), a contact, optionally an opportunity, and the lead marked converted.
    /// </summary>
    private static async Task<IResult> ConvertAsync(string id, HttpRequest request, OrgStore store, IEmulatorDirectory directory)
    {
        var body = await ReadBodyAsync(request);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var root = body.Root;
        var user = ActingUser(request, directory, store);
        if (user is null)
        {
            return TypedResults.BadRequest(new { error = "Unknown user in ?as=." });
        }
        if (!SalesforceId.TryNormalize(id, out var leadId) || store.FindObjectById(leadId)?.Name != "Lead")
        {
            return TypedResults.NotFound(new { error = $"{id} is not a lead id." });
        }
        var leads = store.FindTable("Lead")!;
        var accounts = store.FindTable("Account")!;
        var contacts = store.FindTable("Contact")!;
        var opportunities = store.FindTable("Opportunity")!;
        var accountId = root is { } r && r.TryGetProperty("accountId", out var a) ? a.GetString() : null;
        var createOpportunity = root is { } r2 && r2.TryGetProperty("createOpportunity", out var o) && o.ValueKind == JsonValueKind.True;
        var result = store.Write<object>(writer =>
        {
            if (leads.Find(leadId) is not { } lead || Rows.IsDeleted(lead, leads.Definition))
            {
                return TypedResults.NotFound(new { error = $"No lead {leadId}." });
            }
            if (Rows.Get(lead, leads.Definition, "IsConverted") is true)
            {
                return TypedResults.BadRequest(new { error = "This lead was already converted." });
            }
            string Get(string field) => Rows.Get(lead, leads.Definition, field) as string ?? string.Empty;
            if (accountId is null)
            {
                var account = writer.Insert(accounts, new Dictionary<string, object?> { ["Name"] = Get("Company"), ["OwnerId"] = Get("OwnerId") }, user);
                if (!account.Success)
                {
                    writer.RollbackTo(0);
                    return TypedResults.BadRequest(new { errors = account.Errors });
                }
                accountId = account.Id;
            }
            var contact = writer.Insert(contacts, new Dictionary<string, object?>
            {
                ["FirstName"] = NullIfEmpty(Get("FirstName")), ["LastName"] = Get("LastName"), ["Email"] = NullIfEmpty(Get("Email")),
                ["Phone"] = NullIfEmpty(Get("Phone")), ["Title"] = NullIfEmpty(Get("Title")), ["LeadSource"] = NullIfEmpty(Get("LeadSource")),
                ["AccountId"] = accountId, ["OwnerId"] = Get("OwnerId"),
            }, user);
            string? opportunityId = null;
            if (contact.Success && createOpportunity)
            {
                var opportunity = writer.Insert(opportunities, new Dictionary<string, object?>
                {
                    ["Name"] = $"{Get("Company")}-", ["AccountId"] = accountId, ["StageName"] = "Prospecting",
                    ["CloseDate"] = DateOnly.FromDateTime(writer.Now).AddDays(30), ["OwnerId"] = Get("OwnerId"),
                }, user);
                opportunityId = opportunity.Id;
            }
            if (!contact.Success)
            {
                writer.RollbackTo(0);
                return TypedResults.BadRequest(new { errors = contact.Errors });
            }
            var converted = writer.Update(leads, leadId, new Dictionary<string, object?>
            {
                ["IsConverted"] = FieldValues.True, ["Status"] = "Closed - Converted", ["ConvertedDate"] = DateOnly.FromDateTime(writer.Now),
                ["ConvertedAccountId"] = accountId, ["ConvertedContactId"] = contact.Id, ["ConvertedOpportunityId"] = opportunityId,
            }, user, WriteMode.System);
            if (!converted.Success)
            {
                writer.RollbackTo(0);
                return TypedResults.BadRequest(new { errors = converted.Errors });
            }
            return TypedResults.Ok(new { leadId, accountId, contactId = contact.Id, opportunityId });
        });
        return (IResult)result;
    }

    private static IResult ReadRaw(string type, string id, OrgStore store)
    {
        if (store.FindObject(type) is not { } definition || !SalesforceId.TryNormalize(id, out var id18)
            || store.Find(store.FindTable(definition.Name)!, id18) is not { } row)
        {
            return TypedResults.NotFound(new { error = $"No {type} record {id}." });
        }
        return TypedResults.Text(RawJson(definition, row), "application/json");
    }

    private static async Task<IResult> CreateAsync(string type, HttpRequest request, OrgStore store, IEmulatorDirectory directory) =>
        await ChangeAsync(type, null, request, store, directory);

    private static async Task<IResult> UpdateAsync(string type, string id, HttpRequest request, OrgStore store, IEmulatorDirectory directory) =>
        await ChangeAsync(type, id, request, store, directory);

    private static async Task<IResult> ChangeAsync(string type, string? id, HttpRequest request, OrgStore store, IEmulatorDirectory directory)
    {
        if (store.FindObject(type) is not { } definition || definition.Tooling)
        {
            return TypedResults.NotFound(new { error = $"No object {type}." });
        }
        var user = ActingUser(request, directory, store);
        if (user is null)
        {
            return TypedResults.BadRequest(new { error = "Unknown user in ?as=." });
        }
        var body = await ReadBodyAsync(request);
        if (body.Error is not null || body.Root is not { ValueKind: JsonValueKind.Object } root)
        {
            return body.Error ?? TypedResults.BadRequest(new { error = "The body must be a JSON object of field values." });
        }
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("attributes"))
            {
                continue;
            }
            if (definition.FindField(property.Name) is not { } field || field.Ordinal == 0)
            {
                return TypedResults.BadRequest(new { error = $"No field {property.Name} on {definition.Name}." });
            }
            if (!FieldValues.TryFromJson(field, property.Value, out var value, out var problem))
            {
                return TypedResults.BadRequest(new { error = problem });
            }
            values[field.Name] = value;
        }
        var table = store.FindTable(definition.Name)!;
        string? id18 = null;
        if (id is not null && !SalesforceId.TryNormalize(id, out id18))
        {
            return TypedResults.NotFound(new { error = $"{id} is not a record id." });
        }
        var outcome = store.Write(w => id18 is null ? w.Insert(table, values, user, WriteMode.System) : w.Update(table, id18, values, user, WriteMode.System));
        if (!outcome.Success)
        {
            return TypedResults.BadRequest(new { id = outcome.Id, errors = outcome.Errors });
        }
        return TypedResults.Text(RawJson(definition, store.Find(table, outcome.Id!)!), "application/json", statusCode: id is null ? 201 : 200);
    }

    private static IResult Delete(string type, string id, HttpRequest request, OrgStore store, IEmulatorDirectory directory) =>
        DeleteOrUndelete(type, id, request, store, directory, undelete: false);

    private static IResult Undelete(string type, string id, HttpRequest request, OrgStore store, IEmulatorDirectory directory) =>
        DeleteOrUndelete(type, id, request, store, directory, undelete: true);

    private static IResult DeleteOrUndelete(string type, string id, HttpRequest request, OrgStore store, IEmulatorDirectory directory, bool undelete)
    {
        if (store.FindObject(type) is not { } definition || !SalesforceId.TryNormalize(id, out var id18))
        {
            return TypedResults.NotFound(new { error = $"No {type} record {id}." });
        }
        var user = ActingUser(request, directory, store);
        if (user is null)
        {
            return TypedResults.BadRequest(new { error = "Unknown user in ?as=." });
        }
        var table = store.FindTable(definition.Name)!;
        var outcome = store.Write(w => undelete ? w.Undelete(table, id18, user) : w.Delete(table, id18, user));
        return outcome.Success ? TypedResults.Ok(new { id = id18 }) : TypedResults.BadRequest(new { id = id18, errors = outcome.Errors });
    }

    /// <summary>The user a change is made as: <c>?as=username-or-id</c>, else the org's first user.</summary>
    private static string? ActingUser(HttpRequest request, IEmulatorDirectory directory, OrgStore store)
    {
        store.SyncUsers();
        if (request.Query.TryGetValue("as", out var asUser) && asUser.Count > 0 && !string.IsNullOrEmpty(asUser[0]))
        {
            return (directory.FindByUsername(asUser[0]!) ?? directory.FindById(asUser[0]!))?.Id;
        }
        return directory.Users.Count > 0 ? directory.Users[0].Id : SalesforceId.Create("005", 1);
    }

    private static async Task<(JsonElement? Root, IResult? Error)> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.BadRequest(new { error = $"The body is not JSON: {ex.Message}" }));
        }
    }

    private static string RawJson(ObjectDefinition definition, object?[] row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            RecordJson.WriteAttributes(writer, $"/services/data/v{ApiVersions.Current}", definition.Name, Rows.Id(row));
            foreach (var field in definition.Fields)
            {
                writer.WritePropertyName(field.Name);
                FieldValues.Write(writer, Rows.Get(row, field));
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int? Int(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
