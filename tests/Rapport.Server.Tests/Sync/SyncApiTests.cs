using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Data.Entities;
using Rapport.Sync.Connectors;

namespace Rapport.Server.Tests.Sync;

/// <summary>The sync endpoints: settings, preview, describe, synchronize now, runs and errors.</summary>
public abstract class SyncApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : SyncHostFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutSyncSettings_ValidDocument_IsReturnedByGet()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();
        const string settings = """
            {"schedule": {"intervalMinutes": 10, "nightlyCron": "0 30 3 * * ?"},
             "push": {"infix": "Web", "userFields": [{"name": "lastSeen", "source": "Kpi"}, {"name": "plan"}]},
             "pull": {"mode": "CreateMissing", "recordTypes": [{"objectType": "Lead", "kind": "Lead", "mappings": [{"field": "Email", "attribute": "email"}]}]}}
            """;

        using var put = await PutSettingsAsync(datasetId, settings);
        var got = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "sync-settings"), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(10, got.GetProperty("schedule").GetProperty("intervalMinutes").GetInt32());
        Assert.Equal("0 30 3 * * ?", got.GetProperty("schedule").GetProperty("nightlyCron").GetString());
        Assert.Equal("CreateMissing", got.GetProperty("pull").GetProperty("mode").GetString());
        Assert.Equal("Lead", got.GetProperty("pull").GetProperty("recordTypes")[0].GetProperty("objectType").GetString());
        Assert.Equal("Kpi", got.GetProperty("push").GetProperty("userFields")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task PutSyncSettings_InvalidFields_AnswersProblemNamingEachField()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();
        const string settings = """
            {"schedule": {"intervalMinutes": 1, "nightlyCron": "every night"},
             "push": {"infix": "9 bad", "bulkThreshold": 50},
             "pull": {"recordTypes": [{"objectType": "Contact", "kind": "Contact", "createdWithinDays": 0, "mappings": [{"field": "", "attribute": "email"}]},
                                      {"objectType": "contact", "kind": "Contact"}]},
             "activities": {"rules": [{"event": "signup", "subject": " "},
                                      {"event": "nps_score", "subject": "Score {{ score ", "description": "{{ if }}"}]}}
            """;

        using var put = await PutSettingsAsync(datasetId, settings);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "schedule.intervalMinutes", "schedule.nightlyCron", "push.infix", "push.bulkThreshold", "pull.recordTypes[0].createdWithinDays",
            "pull.recordTypes[0].mappings[0].field", "pull.recordTypes[1].objectType", "activities.rules[0].subject",
            "activities.rules[1].subject", "activities.rules[1].description",
        }, fields);
        var stored = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "sync-settings"), Ct);
        Assert.Equal(5, stored.GetProperty("schedule").GetProperty("intervalMinutes").GetInt32());
    }

    [Fact]
    public async Task PutSyncSettings_FieldOrAttributeMappedTwice_AnswersProblemAtTheSecondMapping()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();

        using var put = await PutSettingsAsync(datasetId, """
            {"pull": {"recordTypes": [{"objectType": "Contact", "kind": "Contact", "mappings": [
                {"field": "Email", "attribute": "email"}, {"field": "email", "attribute": "workEmail"}, {"field": "Title", "attribute": "email"}]}]}}
            """);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["pull.recordTypes[0].mappings[1].field", "pull.recordTypes[0].mappings[2].attribute"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("email is already pulled into email", errors.GetProperty("pull.recordTypes[0].mappings[1].field")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSyncSettings_UnknownKind_AnswersProblemNamingTheField()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();

        using var put = await PutSettingsAsync(datasetId, """{"pull": {"recordTypes": [{"objectType": "Company__c", "kind": "Opportunity"}]}}""");
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("kind", problem.GetProperty("errors").EnumerateObject().Single().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPushPreview_FieldsWithInfix_ListsTheFieldNamesToCreate()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();
        using var put = await PutSettingsAsync(datasetId, """
            {"push": {"infix": "Web", "userFields": [{"name": "lastSeen", "source": "Kpi"}, {"name": "plan", "targetField": "Plan__c"}],
                      "accountFields": [{"name": "health score"}]}}
            """);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var preview = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "push-preview"), Ct);

        var user = preview.GetProperty("userFields");
        Assert.Equal("Rapport_Web_LastSeen__c", user[0].GetProperty("field").GetString());
        Assert.True(user[0].GetProperty("created").GetBoolean());
        Assert.Equal("Plan__c", user[1].GetProperty("field").GetString());
        Assert.False(user[1].GetProperty("created").GetBoolean());
        Assert.Equal("Rapport_Web_Health_Score__c", preview.GetProperty("accountFields")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetDescribe_KnownAndUnknownObjects_AnswersFieldsOrProblem()
    {
        var (datasetId, _) = await fixture.ConnectionAsync();

        var contact = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "describe/Contact"), Ct);
        using var unknown = await fixture.Admin.GetAsync(SyncHostFixture.Path(datasetId, "describe/Nope__c"), Ct);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("Email", contact.GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(nameof(CrmFailureKind.Configuration), problem.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task PostSync_NotEstablished_AnswersConflict()
    {
        var (datasetId, _) = await fixture.ConnectionAsync(state: SalesforceConnectionState.Paused, established: false);

        using var response = await fixture.Admin.PostAsync(SyncHostFixture.Path(datasetId, "sync"), null, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not established", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSync_RunsWithErrors_RunsListAndErrorsShowThem()
    {
        var (datasetId, connectionId) = await fixture.ConnectionAsync();
        fixture.Script.Set(connectionId, (stage, context, _) =>
        {
            context.Run.For(stage, "Contact").AddRead(3);
            if (stage == "push")
            {
                context.Run.Error("push", "Contact", "003A", "u1", new CrmError("STRING_TOO_LONG", "Title: data value too large", ["Title"]));
            }
            return Task.CompletedTask;
        });

        var first = await SyncNowAsync(datasetId);
        var second = await SyncNowAsync(datasetId);
        var runs = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "runs?limit=1"), Ct);
        var all = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "runs"), Ct);
        var errors = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, $"runs/{second}/errors"), Ct);
        var status = await fixture.Admin.GetFromJsonAsync<JsonElement>(SyncHostFixture.Path(datasetId, "sync-status"), Ct);

        Assert.Equal(second, runs.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal([second, first], all.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal("CompletedWithErrors", runs[0].GetProperty("status").GetString());
        Assert.Equal(3, runs[0].GetProperty("stats").GetProperty("pull:Contact").GetProperty("read").GetInt64());
        Assert.Equal(4, runs[0].GetProperty("totalApiCalls").GetInt32());
        Assert.Equal("STRING_TOO_LONG", errors.EnumerateArray().Single().GetProperty("errorCode").GetString());
        Assert.Equal("Title", errors[0].GetProperty("fields")[0].GetString());
        Assert.StartsWith("Last synchronized ", status.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(": Success with errors", status.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(second, status.GetProperty("lastRun").GetProperty("id").GetInt64());
    }

    private async Task<long> SyncNowAsync(string datasetId)
    {
        using var response = await fixture.Admin.PostAsync(SyncHostFixture.Path(datasetId, "sync"), null, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        Assert.EndsWith($"/runs/{body.GetProperty("runId").GetInt64()}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var runId = body.GetProperty("runId").GetInt64();
        await fixture.WaitForRunAsync(datasetId, runId);
        return runId;
    }

    private Task<HttpResponseMessage> PutSettingsAsync(string datasetId, string json)
        => fixture.Admin.PutAsync(SyncHostFixture.Path(datasetId, "sync-settings"), new StringContent(json, Encoding.UTF8, "application/json"), Ct);
}
