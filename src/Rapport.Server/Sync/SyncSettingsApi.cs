using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Sync.Connectors;
using Rapport.Sync.Naming;
using Rapport.Sync.Settings;

namespace Rapport.Server.Sync;

/// <summary>
/// <c>/api/datasets/{id}/connections/salesforce</c>: what the connection syncs — the whole sync
/// settings document, a preview of the fields push will create, and describes for mapping dropdowns.
/// </summary>
public static class SyncSettingsApi
{
    public static RouteGroupBuilder MapSyncSettingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets/{datasetId}/connections/salesforce").WithTags("Salesforce sync");
        group.MapGet("/sync-settings", GetAsync);
        group.MapPut("/sync-settings", PutAsync);
        group.MapGet("/push-preview", PushPreviewAsync);
        group.MapGet("/describe/{objectType}", DescribeAsync);
        return api;
    }

    public static async Task<IResult> GetAsync(string datasetId, IDbContextFactory<RapportDbContext> contexts, CancellationToken cancellationToken)
    {
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(contexts, datasetId, cancellationToken);
        return connection is null ? problem! : TypedResults.Json(SyncSettings.Parse(connection.SyncSettings), SyncSettings.Json);
    }

    public static async Task<IResult> PutAsync(
        string datasetId, HttpRequest request, IDbContextFactory<RapportDbContext> contexts, SyncSettingsStore store, CancellationToken cancellationToken)
    {
        SyncSettings? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<SyncSettings>(request.Body, SyncSettings.Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [ex.Message] },
                title: "Invalid sync settings", detail: $"The sync settings are not valid JSON of the expected shape at {field}.");
        }
        if (settings is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A sync settings document is required."] }, title: "Invalid sync settings");
        }
        if (SyncSettingsValidator.Validate(settings) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid sync settings",
                detail: $"{errors.Count} field(s) need correcting: {string.Join(", ", errors.Keys)}.");
        }
        if (!await store.SaveAsync(datasetId, settings, cancellationToken))
        {
            var (_, problem) = await SyncApiLookup.ConnectionAsync(contexts, datasetId, cancellationToken);
            return problem!;
        }
        return TypedResults.Json(settings, SyncSettings.Json);
    }

    public static async Task<IResult> PushPreviewAsync(string datasetId, IDbContextFactory<RapportDbContext> contexts, CancellationToken cancellationToken)
    {
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(contexts, datasetId, cancellationToken);
        if (connection is null)
        {
            return problem!;
        }
        var push = SyncSettings.Parse(connection.SyncSettings).Push;
        return TypedResults.Ok(new PushPreviewResponse(push.Infix, Preview(push.UserFields, push.Infix), Preview(push.AccountFields, push.Infix)));
    }

    public static async Task<IResult> DescribeAsync(
        string datasetId, string objectType, IDbContextFactory<RapportDbContext> contexts, ICrmConnectorFactory connectors, CancellationToken cancellationToken)
    {
        var (connection, problem) = await SyncApiLookup.ConnectionAsync(contexts, datasetId, cancellationToken);
        if (connection is null)
        {
            return problem!;
        }
        try
        {
            using var connector = await connectors.OpenAsync(connection.Id, cancellationToken);
            return TypedResults.Ok(await connector.Schema.DescribeAsync(objectType, cancellationToken));
        }
        catch (CrmException ex)
        {
            return SyncApiLookup.CrmProblem(ex, $"Describing {objectType} failed");
        }
    }

    /// <summary>The Salesforce field each pushed value is written to: the existing target field, or the custom field Rapport creates.</summary>
    public static List<PushPreviewField> Preview(IReadOnlyList<PushField> fields, string? infix) => fields
        .Select(f => new PushPreviewField(f.Name, f.Source.ToString(), f.TargetField ?? CustomFieldNamer.ApiName(f.Name, infix), Created: f.TargetField is null))
        .ToList();
}
