namespace Rapport.Server.Admin;

/// <summary>Body of <c>POST /api/datasets</c>.</summary>
public sealed record CreateDatasetRequest(string? Name, string? TimeZone);

/// <summary>A dataset with its write key, as created.</summary>
public sealed record CreatedDatasetResponse(string Id, string Name, string WriteKey);

/// <summary>A dataset with all its active write keys.</summary>
public sealed record DatasetResponse(string Id, string Name, string TimeZone, DateTimeOffset CreatedAt, IReadOnlyList<string> WriteKeys);

/// <summary>A new write key.</summary>
public sealed record WriteKeyResponse(string WriteKey);
