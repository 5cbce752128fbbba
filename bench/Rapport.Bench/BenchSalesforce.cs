using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rapport.Bench;

/// <summary>Plain-HTTP access to the emulator for setting up and changing benchmark data.</summary>
internal static class BenchSalesforce
{
    public const string Version = "v66.0";

    /// <summary>Password grant; sets the bearer token on <paramref name="http"/>.</summary>
    public static async Task LoginAsync(HttpClient http, string consumerKey, string consumerSecret, string username, string passwordAndToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = consumerKey, ["client_secret"] = consumerSecret,
            ["username"] = username, ["password"] = passwordAndToken,
        });
        using var response = await http.PostAsync("/services/oauth2/token", form);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every record of a query, page by page.</summary>
    public static async IAsyncEnumerable<JsonElement> QueryAsync(HttpClient http, string soql)
    {
        var page = await GetJsonAsync(http, $"/services/data/{Version}/query?q={Uri.EscapeDataString(soql)}");
        while (true)
        {
            foreach (var record in page.GetProperty("records").EnumerateArray())
            {
                yield return record;
            }
            if (!page.TryGetProperty("nextRecordsUrl", out var next) || next.ValueKind != JsonValueKind.String)
            {
                yield break;
            }
            page = await GetJsonAsync(http, next.GetString()!);
        }
    }

    /// <summary>Updates records 200 at a time through sObject Collections.</summary>
    public static async Task UpdateAsync(HttpClient http, string sobject, IReadOnlyList<(string Id, Dictionary<string, object?> Fields)> records)
    {
        foreach (var chunk in records.Chunk(200))
        {
            var body = new
            {
                allOrNone = false,
                records = chunk.Select(r => new Dictionary<string, object?>(r.Fields) { ["attributes"] = new { type = sobject }, ["Id"] = r.Id }),
            };
            using var response = await http.PatchAsJsonAsync($"/services/data/{Version}/composite/sobjects", body);
            response.EnsureSuccessStatusCode();
        }
    }
}
