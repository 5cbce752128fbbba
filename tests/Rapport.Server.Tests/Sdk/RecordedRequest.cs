namespace Rapport.Server.Tests.Sdk;

/// <summary>A tracking request as it reached Rapport, and the status the client got.</summary>
public sealed record RecordedRequest(string Path, string? ContentType, string? WriteKey, IReadOnlyList<string> MessageIds, int Status);
