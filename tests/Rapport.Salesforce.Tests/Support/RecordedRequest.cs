namespace Rapport.Salesforce.Tests.Support;

/// <summary>
/// A request as the fake handler saw it on the wire. Headers are copied: the client reuses the
/// request message for a replay, so the live header collection changes afterwards.
/// </summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public string Path => Uri.AbsolutePath;

    public string? Bearer => Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
