using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Demo;

/// <summary>
/// The demo's setup, done the way a user would: through Rapport's admin API (dataset, Salesforce
/// connection through the OAuth web-server flow, sync settings, synchronize now).
/// </summary>
internal sealed class DemoRapportClient(string rapportUrl, string adminKey) : IDisposable
{
    public const string DatasetName = "Demo";

    private readonly HttpClient _admin = CreateAdmin(rapportUrl, adminKey);

    /// <summary>The demo dataset's id and a write key, created on the first run.</summary>
    public async Task<(string Id, string WriteKey)> EnsureDatasetAsync(CancellationToken cancellationToken)
    {
        var all = await SendAsync(HttpMethod.Get, "api/datasets", null, cancellationToken);
        foreach (var dataset in all.EnumerateArray())
        {
            if (dataset.GetProperty("name").GetString() == DatasetName)
            {
                return (dataset.GetProperty("id").GetString()!, dataset.GetProperty("writeKeys")[0].GetString()!);
            }
        }
        var created = await SendAsync(HttpMethod.Post, "api/datasets", new { name = DatasetName }, cancellationToken);
        return (created.GetProperty("id").GetString()!, created.GetProperty("writeKey").GetString()!);
    }

    /// <summary>Waits until the event processor has applied everything accepted so far.</summary>
    public async Task WaitForProcessingAsync(string datasetId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await SendAsync(HttpMethod.Get, $"api/datasets/{datasetId}/status", null, cancellationToken);
            if (status.GetProperty("pendingEvents").GetInt64() == 0)
            {
                return;
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Configures the connected app and runs the OAuth web-server flow: Rapport's authorize URL,
    /// the org's approval (auto-approved in the demo org), and back to Rapport's callback.
    /// </summary>
    public async Task<bool> ConnectAsync(string datasetId, string emulatorUrl, DemoCredentials credentials, CancellationToken cancellationToken)
    {
        var connection = Connection(datasetId);
        var current = await SendAsync(HttpMethod.Get, connection, null, cancellationToken, allowNotFound: true);
        if (current.ValueKind == JsonValueKind.Object && current.GetProperty("connected").GetBoolean())
        {
            return false;
        }
        await SendAsync(HttpMethod.Put, connection, new { consumerKey = credentials.ConsumerKey, consumerSecret = credentials.ConsumerSecret, loginHost = emulatorUrl }, cancellationToken);
        var authorize = await SendAsync(HttpMethod.Post, connection + "/authorize", null, cancellationToken);
        // A browser: follows the org's redirect back into Rapport's callback, keeping cookies.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer() });
        using var approved = await browser.GetAsync(authorize.GetProperty("authorizeUrl").GetString(), cancellationToken);
        var after = await SendAsync(HttpMethod.Get, connection, null, cancellationToken);
        if (!after.GetProperty("connected").GetBoolean())
        {
            throw new InvalidOperationException($"The OAuth round trip did not connect the demo org: {after}");
        }
        return true;
    }

    /// <summary>Pull a few fields, push attributes and KPIs, keep seed 001's activity rules.</summary>
    public async Task ConfigureSyncAsync(string datasetId, CancellationToken cancellationToken)
    {
        var path = Connection(datasetId) + "/sync-settings";
        var settings = JsonNode.Parse((await SendAsync(HttpMethod.Get, path, null, cancellationToken)).GetRawText())!.AsObject();
        settings["pull"] = new JsonObject
        {
            ["recordTypes"] = new JsonArray(
                RecordType("Contact", "Contact", ("Title", "title"), ("Phone", "phone"), ("LeadSource", "leadSource")),
                RecordType("Lead", "Lead", ("Company", "company"), ("Status", "leadStatus")),
                RecordType("Account", "Account", ("Industry", "industry"))),
            ["accountIdsFromContacts"] = true,
        };
        settings["push"] = new JsonObject
        {
            ["userFields"] = new JsonArray(Field("plan", "Attribute"), Field("sessions", "Kpi"), Field("lastSeen", "Kpi"), Field("npsScore", "Kpi")),
            ["accountFields"] = new JsonArray(Field("plan", "Attribute"), Field("sessions", "Kpi")),
            ["infix"] = "Demo",
        };
        await SendAsync(HttpMethod.Put, path, settings, cancellationToken);
    }

    /// <summary>Synchronize now and wait for the run to end; returns the run as the API shows it.</summary>
    public async Task<JsonElement> SyncAsync(string datasetId, CancellationToken cancellationToken)
    {
        var connection = Connection(datasetId);
        var started = await SendAsync(HttpMethod.Post, connection + "/sync", null, cancellationToken);
        var runId = started.GetProperty("runId").GetInt64();
        while (true)
        {
            var run = await SendAsync(HttpMethod.Get, $"{connection}/runs/{runId}", null, cancellationToken);
            if (!string.Equals(run.GetProperty("status").GetString(), "running", StringComparison.OrdinalIgnoreCase))
            {
                return run;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Whether a run has already succeeded (a second demo run skips the initial sync).</summary>
    public async Task<bool> HasSucceededRunAsync(string datasetId, CancellationToken cancellationToken)
    {
        var runs = await SendAsync(HttpMethod.Get, Connection(datasetId) + "/runs", null, cancellationToken);
        var list = runs.ValueKind == JsonValueKind.Array ? runs : runs.GetProperty("runs");
        return list.EnumerateArray().Any(r => r.GetProperty("status").GetString() is "Succeeded" or "CompletedWithErrors");
    }

    /// <summary>Unpauses a paused connection: schedules and near-real-time activities start.</summary>
    public async Task UnpauseIfPausedAsync(string datasetId, CancellationToken cancellationToken)
    {
        var connection = await SendAsync(HttpMethod.Get, Connection(datasetId), null, cancellationToken);
        if (string.Equals(connection.GetProperty("state").GetString(), "Paused", StringComparison.OrdinalIgnoreCase))
        {
            await SendAsync(HttpMethod.Post, Connection(datasetId) + "/unpause", null, cancellationToken);
        }
    }

    public void Dispose() => _admin.Dispose();

    private static string Connection(string datasetId) => $"api/datasets/{Uri.EscapeDataString(datasetId)}/connections/salesforce";

    private static JsonObject RecordType(string objectType, string kind, params (string Field, string Attribute)[] mappings) => new()
    {
        ["objectType"] = objectType,
        ["kind"] = kind,
        ["enabled"] = true,
        ["mappings"] = new JsonArray(mappings.Select(m => (JsonNode)new JsonObject { ["field"] = m.Field, ["attribute"] = m.Attribute }).ToArray()),
    };

    private static JsonObject Field(string name, string source) => new() { ["name"] = name, ["source"] = source };

    private static HttpClient CreateAdmin(string rapportUrl, string adminKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(rapportUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return http;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        using var response = await _admin.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /{path} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
