using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rapport.SalesforceEmulator.Tests.Support;

/// <summary>Small helpers for JSON calls in tests.</summary>
public static class Http
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string url, IDictionary<string, string>? headers = null) =>
        client.SendAsync(HttpMethod.Get, url, null, headers);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.SendAsync(HttpMethod.Post, url, JsonSerializer.Serialize(body));

    public static Task<(HttpStatusCode Status, JsonElement Body)> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.SendAsync(HttpMethod.Patch, url, JsonSerializer.Serialize(body));

    /// <summary>Creates a record and returns its id, failing the test when Salesforce would not.</summary>
    public static async Task<string> CreateAsync(this HttpClient client, string type, object fields)
    {
        var (status, body) = await client.PostJsonAsync($"sobjects/{type}", fields);
        Assert.True(status == HttpStatusCode.Created, $"create {type}: {status} {body}");
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>The errorCode of the first error in a REST error body.</summary>
    public static string ErrorCode(this JsonElement body) => body[0].GetProperty("errorCode").GetString()!;
}
