using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Rapport.Server.Tests.Integrations;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Sync;

/// <summary>
/// The whole sync against the emulator over real HTTP: Rapport's admin API starts runs, the real
/// connector talks to the emulator, and the tests look at what a user would: profile attributes,
/// Salesforce fields and activities, run statuses and messages — also with faults injected.
/// Each test makes its own dataset and records (unique emails), so only the emulator-wide switches
/// (faults, limits, permissions) are shared, and every test that flips one restores it.
/// </summary>
public sealed class SyncEndToEndTests(SqliteSalesforceConnectionFixture fixture) : IClassFixture<SqliteSalesforceConnectionFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RapportTestHost Rapport => fixture.Rapport;

    [Fact]
    public async Task SyncNow_MatchingContact_PullsAttributesAndPushesFields()
    {
        var org = NewOrg();
        var (dataset, contactId, accountId) = await LinkedPersonAsync(org);

        var run = await SyncAsync(dataset);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var profile = await Rapport.ProfileAsync(dataset, org.UserId);
        var title = profile.GetProperty("attributes").GetProperty("title");
        Assert.Equal("VP Marketing", title.GetProperty("value").GetString());
        Assert.Equal("salesforce", title.GetProperty("source").GetString());
        var contact = await RawAsync("Contact", contactId);
        Assert.Equal("pro", contact.GetProperty("Rapport_Plan__c").GetString());
        var account = await RawAsync("Account", accountId);
        Assert.Equal(1, account.GetProperty("Rapport_Sessions__c").GetDouble());
    }

    [Fact]
    public async Task SyncNow_NothingChanged_UsesOneApiCallPerRecordType()
    {
        var org = NewOrg();
        var (dataset, _, _) = await LinkedPersonAsync(org);
        await SyncAsync(dataset);
        // Whether the first run created Rapport's fields depends on the tests before it (the emulator
        // is shared); creating them drops the cached describes, so the run after that describes again.
        await SyncAsync(dataset);

        var again = await SyncAsync(dataset);

        Assert.Equal("Succeeded", again.GetProperty("status").GetString());
        // Contact and Account are enabled: one query each, nothing to push.
        Assert.True(again.GetProperty("totalApiCalls").GetInt32() <= 2, again.ToString());
    }

    [Fact]
    public async Task SyncNow_ChangedInSalesforce_NextRunUpdatesTheProfile()
    {
        var org = NewOrg();
        var (dataset, contactId, _) = await LinkedPersonAsync(org);
        await SyncAsync(dataset);

        await ControlAsync(HttpMethod.Patch, $"/__emulator/records/Contact/{contactId}?as={Uri.EscapeDataString(SalesforceConnectionFixture.SalesUsername)}",
            new { Title = "Chief Marketing Officer" });
        var run = await SyncAsync(dataset);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var profile = await Rapport.ProfileAsync(dataset, org.UserId);
        Assert.Equal("Chief Marketing Officer", profile.GetProperty("attributes").GetProperty("title").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Activities_NpsScoreTracked_EventAndScoreFieldOnTheContactWithinSeconds()
    {
        var org = NewOrg();
        var (dataset, contactId, _) = await LinkedPersonAsync(org, activities: true);
        await SyncAsync(dataset);
        await AdminAsync(HttpMethod.Post, Path(dataset, "unpause"), null);

        await Rapport.SendOkAsync("/v1/track", JsonSerializer.Serialize(new
        {
            userId = org.UserId, @event = "nps_score", properties = new { score = 9 },
            context = new { page = new { url = "https://app.example/settings", title = "Settings" } },
        }), dataset);

        var events = await EventuallyAsync(async () =>
        {
            var found = await QueryAsync($"SELECT Id, Subject, Description, WhoId FROM Event WHERE WhoId = '{contactId}'");
            return (found.Count > 0, found);
        });
        Assert.Single(events);
        Assert.Equal("NPS Score Submitted - 9", events[0].GetProperty("Subject").GetString());
        Assert.Contains("https://app.example/settings", events[0].GetProperty("Description").GetString(), StringComparison.Ordinal);
        var contact = await EventuallyAsync(async () =>
        {
            var raw = await RawAsync("Contact", contactId);
            return (raw.TryGetProperty("Rapport_NPS_Score__c", out var score) && score.ValueKind == JsonValueKind.Number, raw);
        });
        Assert.Equal(9, contact.GetProperty("Rapport_NPS_Score__c").GetDouble());
    }

    [Fact]
    public async Task SyncNow_ApiLimitReachedMidRun_StopsCleanlyAndTheNextRunResumes()
    {
        var org = NewOrg();
        var (dataset, contactId, _) = await LinkedPersonAsync(org);
        var limits = await ControlAsync(HttpMethod.Get, "/__emulator/limits", null);
        var used = limits.GetProperty("used").GetInt32();
        try
        {
            // Room for the first query only: the run hits REQUEST_LIMIT_EXCEEDED part-way.
            await ControlAsync(HttpMethod.Put, "/__emulator/limits", new { dailyApiRequests = used + 1 });
            var stopped = await SyncAsync(dataset);
            Assert.Equal("Stopped", stopped.GetProperty("status").GetString());
            Assert.Contains("limit", stopped.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await ControlAsync(HttpMethod.Put, "/__emulator/limits", new { dailyApiRequests = 1_000_000 });
        }

        var resumed = await SyncAsync(dataset);

        Assert.Equal("Succeeded", resumed.GetProperty("status").GetString());
        Assert.Equal("pro", (await RawAsync("Contact", contactId)).GetProperty("Rapport_Plan__c").GetString());
    }

    [Fact]
    public async Task SyncNow_SalesforceUnavailable_FailsSayingItWillRetryThenRecovers()
    {
        var org = NewOrg();
        var (dataset, contactId, _) = await LinkedPersonAsync(org);
        try
        {
            await ControlAsync(HttpMethod.Put, "/__emulator/faults", new { unavailableRate = 1.0 });
            var failed = await SyncAsync(dataset);
            Assert.Equal("Failed", failed.GetProperty("status").GetString());
            Assert.Contains("retr", failed.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await ControlAsync(HttpMethod.Delete, "/__emulator/faults", null);
        }

        var recovered = await SyncAsync(dataset);

        Assert.Equal("Succeeded", recovered.GetProperty("status").GetString());
        Assert.Equal("pro", (await RawAsync("Contact", contactId)).GetProperty("Rapport_Plan__c").GetString());
    }

    [Fact]
    public async Task SyncNow_RecordLockErrors_EveryRecordArrivesWithinTwoRuns()
    {
        var org = NewOrg();
        var (dataset, contactId, _) = await LinkedPersonAsync(org);
        try
        {
            await ControlAsync(HttpMethod.Put, "/__emulator/faults", new { recordLockRate = 0.5, seed = 7 });
            await SyncAsync(dataset);
        }
        finally
        {
            await ControlAsync(HttpMethod.Delete, "/__emulator/faults", null);
        }

        var second = await SyncAsync(dataset);

        Assert.Equal("Succeeded", second.GetProperty("status").GetString());
        Assert.Equal("pro", (await RawAsync("Contact", contactId)).GetProperty("Rapport_Plan__c").GetString());
    }

    [Fact]
    public async Task SyncNow_SessionExpiredBeforeTheRun_RefreshesAndSucceeds()
    {
        var org = NewOrg();
        var (dataset, _, _) = await LinkedPersonAsync(org);
        await ControlAsync(HttpMethod.Post, "/__emulator/sessions/expire", null);

        var run = await SyncAsync(dataset);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SyncNow_RefreshTokenRevoked_FailsAndTheConnectionSaysToReconnect()
    {
        var org = NewOrg();
        var (dataset, _, _) = await LinkedPersonAsync(org, webServerFlow: true);
        await ControlAsync(HttpMethod.Post, "/__emulator/refresh-tokens/revoke", null);
        await ControlAsync(HttpMethod.Post, "/__emulator/sessions/expire", null);

        var run = await SyncAsync(dataset);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        var connection = await Rapport.GetJsonAsync(Path(dataset));
        Assert.Contains("connect", connection.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("connect", run.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SyncNow_UserLostModifyAllData_FailsNamingThePermissionToGrant()
    {
        var org = NewOrg();
        var (dataset, _, _) = await LinkedPersonAsync(org);
        var user = Uri.EscapeDataString(SalesforceConnectionFixture.Username);
        try
        {
            await ControlAsync(HttpMethod.Delete, $"/__emulator/users/{user}/permissions/ModifyAllData", null);
            var run = await SyncAsync(dataset);
            Assert.Equal("Failed", run.GetProperty("status").GetString());
            Assert.Contains("Modify All Data", run.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ControlAsync(HttpMethod.Put, $"/__emulator/users/{user}/permissions/ModifyAllData", null);
        }
    }

    /// <summary>Unique names for one test's records.</summary>
    private sealed record Org(string Suffix)
    {
        public string Email => $"pat.{Suffix}@example.com";
        public string UserId => "user-" + Suffix;
        public string Company => "Acme " + Suffix;
    }

    private static Org NewOrg() => new(Guid.NewGuid().ToString("N")[..10]);

    /// <summary>
    /// A connected dataset whose profile (tracked with a plan and an account) matches a contact by
    /// email and whose account matches an Account by name; sync settings pull Title and push the
    /// plan and the account's sessions KPI.
    /// </summary>
    private async Task<(TestDataset Dataset, string ContactId, string AccountId)> LinkedPersonAsync(Org org, bool activities = false, bool webServerFlow = false)
    {
        var accountId = (await ControlAsync(HttpMethod.Post, "/__emulator/records/Account", new { Name = org.Company })).GetProperty("Id").GetString()!;
        var contactId = (await ControlAsync(HttpMethod.Post, "/__emulator/records/Contact",
            new { LastName = "Pat", Email = org.Email, Title = "VP Marketing", AccountId = accountId })).GetProperty("Id").GetString()!;

        var datasetId = await fixture.ConfiguredDatasetAsync();
        var stored = await Rapport.GetJsonAsync($"/api/datasets/{datasetId}");
        var dataset = new TestDataset(datasetId, stored.GetProperty("name").GetString()!, stored.GetProperty("writeKeys")[0].GetString()!);
        if (webServerFlow)
        {
            await fixture.ConnectWithWebServerFlowAsync(datasetId);
        }
        else
        {
            await AdminAsync(HttpMethod.Post, Path(dataset, "password-login"), new
            {
                username = SalesforceConnectionFixture.Username, password = SalesforceConnectionFixture.Password,
                securityToken = SalesforceConnectionFixture.SecurityToken,
            });
        }
        await Rapport.SendOkAsync("/v1/identify", JsonSerializer.Serialize(new { userId = org.UserId, traits = new { email = org.Email, plan = "pro" } }), dataset);
        await Rapport.SendOkAsync("/v1/group", JsonSerializer.Serialize(new { userId = org.UserId, groupId = "g-" + org.Suffix, traits = new { name = org.Company } }), dataset);
        await Rapport.WaitForProcessingAsync(datasetId);

        await AdminAsync(HttpMethod.Put, Path(dataset, "sync-settings"), new
        {
            pull = new
            {
                recordTypes = new object[]
                {
                    new { objectType = "Contact", kind = "Contact", enabled = true, mappings = new[] { new { field = "Title", attribute = "title" } } },
                    new { objectType = "Account", kind = "Account", enabled = true, mappings = new[] { new { field = "Name", attribute = "name" } } },
                },
            },
            push = new
            {
                userFields = new object[] { new { name = "plan", source = "Attribute" } },
                accountFields = new object[] { new { name = "sessions", source = "Kpi" } },
            },
            activities = new { enabled = activities },
            schedule = new { nightlyEnabled = false, intervalEnabled = false },
        });
        return (dataset, contactId, accountId);
    }

    private static string Path(TestDataset dataset, string? action = null) => SalesforceConnectionFixture.Path(dataset.Id, action);

    /// <summary>Synchronize now through the admin API and wait for the run to finish.</summary>
    private async Task<JsonElement> SyncAsync(TestDataset dataset)
    {
        var started = await AdminAsync(HttpMethod.Post, Path(dataset, "sync"), null);
        var location = started.GetProperty("location").GetString()!;
        return await EventuallyAsync(async () =>
        {
            var run = await Rapport.GetJsonAsync(location);
            return (run.GetProperty("status").GetString() != "Running", run);
        }, seconds: 60);
    }

    private async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Rapport.Admin.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> ControlAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await fixture.Controls.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A record as stored in the emulator, whatever the integration user may see.</summary>
    private Task<JsonElement> RawAsync(string type, string id) => ControlAsync(HttpMethod.Get, $"/__emulator/records/{type}/{id}", null);

    /// <summary>A SOQL query as the integration user (password grant).</summary>
    private async Task<List<JsonElement>> QueryAsync(string soql)
    {
        using var http = new HttpClient { BaseAddress = fixture.EmulatorUrl };
        using var token = await http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = SalesforceConnectionFixture.ConsumerKey,
            ["client_secret"] = SalesforceConnectionFixture.ConsumerSecret, ["username"] = SalesforceConnectionFixture.Username,
            ["password"] = SalesforceConnectionFixture.Password + SalesforceConnectionFixture.SecurityToken,
        }), Ct);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(Ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        var page = await http.GetFromJsonAsync<JsonElement>($"/services/data/v62.0/query?q={Uri.EscapeDataString(soql)}", Ct);
        return [.. page.GetProperty("records").EnumerateArray()];
    }

    /// <summary>Polls until the probe says it is done, failing the test after <paramref name="seconds"/>.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<(bool Done, T Value)>> probe, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Nothing after {seconds} s.");
            await Task.Delay(100, Ct);
        }
    }
}
