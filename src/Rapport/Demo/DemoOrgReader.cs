using System.Net.Http.Headers;
using System.Text.Json;

namespace Rapport.Demo;

/// <summary>
/// Reads the sample org's people over the documented REST API (password grant, SOQL), as any
/// Salesforce client would, so the demo's visitors are the org's contacts and the sync has matches.
/// </summary>
internal static class DemoOrgReader
{
    public static async Task<IReadOnlyList<DemoPerson>> ReadPeopleAsync(string emulatorUrl, DemoCredentials credentials, int limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(emulatorUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        using var token = await http.PostAsync("services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = credentials.ConsumerKey,
            ["client_secret"] = credentials.ConsumerSecret,
            ["username"] = credentials.Username,
            ["password"] = credentials.Password + credentials.SecurityToken,
        }), cancellationToken);
        var tokenBody = await ReadJsonAsync(token, "the emulator's token endpoint", cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenBody.GetProperty("access_token").GetString());

        var accounts = new Dictionary<string, (string Name, string? Industry)>();
        await foreach (var row in QueryAsync(http, "SELECT Id, Name, Industry FROM Account ORDER BY Name", cancellationToken))
        {
            accounts[row.GetProperty("Id").GetString()!] = (row.GetProperty("Name").GetString()!, Text(row, "Industry"));
        }
        var people = new List<DemoPerson>();
        var soql = "SELECT Id, FirstName, LastName, Email, Title, AccountId FROM Contact WHERE Email != null ORDER BY CreatedDate, Id LIMIT " + limit;
        await foreach (var row in QueryAsync(http, soql, cancellationToken))
        {
            var accountId = Text(row, "AccountId");
            var account = accountId is not null && accounts.TryGetValue(accountId, out var found) ? found : default;
            people.Add(new DemoPerson(
                Text(row, "FirstName") ?? "", Text(row, "LastName") ?? "", row.GetProperty("Email").GetString()!, Text(row, "Title"),
                account.Name is null ? null : accountId, account.Name, account.Industry));
        }
        return people;
    }

    private static async IAsyncEnumerable<JsonElement> QueryAsync(HttpClient http, string soql,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = $"services/data/v66.0/query?q={Uri.EscapeDataString(soql)}";
        while (next is not null)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            var page = await ReadJsonAsync(response, "a SOQL query", cancellationToken);
            foreach (var record in page.GetProperty("records").EnumerateArray())
            {
                yield return record;
            }
            next = page.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()!.TrimStart('/') : null;
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The demo org refused {what} ({(int)response.StatusCode}): {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Text(JsonElement row, string field)
        => row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
