using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Data.Storage;

namespace Rapport.Server.Admin;

/// <summary><c>/api/datasets</c>: create and list datasets and their write keys.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets").WithTags("Datasets");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{datasetId}", GetAsync);
        group.MapPost("/{datasetId}/write-keys", CreateWriteKeyAsync);
        return api;
    }

    public static async Task<Results<Created<CreatedDatasetResponse>, ProblemHttpResult>> CreateAsync(
        CreateDatasetRequest? request, DatasetStore datasets, CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return Problem(400, "Invalid dataset", "\"name\" is required: 1 to 200 characters, e.g. {\"name\": \"Website\"}.", "name");
        }
        if (request!.TimeZone is { } timeZone && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return Problem(400, "Invalid dataset", $"\"timeZone\" \"{timeZone}\" is not a known IANA time zone such as \"Europe/Paris\".", "timeZone");
        }
        try
        {
            var (dataset, writeKey) = await datasets.CreateAsync(name, request.TimeZone, cancellationToken);
            return TypedResults.Created($"/api/datasets/{dataset.Id}", new CreatedDatasetResponse(dataset.Id, dataset.Name, writeKey));
        }
        catch (DatasetConflictException ex)
        {
            return Problem(409, "Dataset exists", ex.Message, "name");
        }
    }

    public static async Task<Ok<List<DatasetResponse>>> ListAsync(DatasetStore datasets, CancellationToken cancellationToken)
    {
        var all = await datasets.ListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(d => ToResponse(d.Dataset, d.WriteKeys)).ToList());
    }

    public static async Task<Results<Ok<DatasetResponse>, ProblemHttpResult>> GetAsync(
        string datasetId, DatasetStore datasets, CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return NotFound(datasetId);
        }
        return TypedResults.Ok(ToResponse(dataset, await datasets.WriteKeysAsync(datasetId, cancellationToken)));
    }

    public static async Task<Results<Created<WriteKeyResponse>, ProblemHttpResult>> CreateWriteKeyAsync(
        string datasetId, DatasetStore datasets, CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(datasetId, cancellationToken) is null)
        {
            return NotFound(datasetId);
        }
        var key = await datasets.CreateWriteKeyAsync(datasetId, cancellationToken);
        return TypedResults.Created($"/api/datasets/{datasetId}", new WriteKeyResponse(key));
    }

    private static DatasetResponse ToResponse(Data.Entities.DatasetEntity dataset, IReadOnlyList<string> keys)
        => new(dataset.Id, dataset.Name, dataset.TimeZone, new DateTimeOffset(DateTime.SpecifyKind(dataset.CreatedAt, DateTimeKind.Utc)), keys);

    internal static ProblemHttpResult NotFound(string datasetId) => TypedResults.Problem(
        detail: $"There is no dataset \"{datasetId}\"; list datasets with GET /api/datasets.", statusCode: 404, title: "Dataset not found");

    internal static ProblemHttpResult Problem(int status, string title, string detail, string? field = null)
        => TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
