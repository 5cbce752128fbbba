namespace Rapport.Server;

/// <summary>RFC 7807 problem responses with a message a person can act on.</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail, object? errors = null)
    {
        var extensions = errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static IResult DatasetNotFound(string datasetId) => Create(404, "Dataset not found",
        $"There is no dataset \"{datasetId}\"; list datasets with GET /api/datasets.");
}
