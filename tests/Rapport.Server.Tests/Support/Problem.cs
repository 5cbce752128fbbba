using System.Net;
using System.Text.Json;

namespace Rapport.Server.Tests.Support;

/// <summary>Asserts RFC 7807 problem responses.</summary>
public static class Problem
{
    /// <summary>Asserts the status and a problem+json body with a detail; returns the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()), "The problem has no detail message: " + text);
        return body;
    }

    /// <summary>The batch indexes a tracking problem names.</summary>
    public static int?[] Indexes(JsonElement problem)
        => problem.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("index").ValueKind == JsonValueKind.Number ? e.GetProperty("index").GetInt32() : (int?)null)
            .ToArray();
}
