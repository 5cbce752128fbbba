using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Storage;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Admin;

/// <summary>Datasets, the read API and operations endpoints, run on each database by the derived classes.</summary>
public abstract class AdminApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string At(TimeSpan offset) => (Now + offset).ToString("O");

    [Fact]
    public async Task CreateDataset_ValidName_Returns201WithIdAndWriteKey()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var name = "Website " + Guid.NewGuid().ToString("N")[..6];

        using var response = await host.Admin.PostAsJsonAsync("/api/datasets", new { name, timeZone = "Europe/Paris" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("writeKey").GetString()));
        Assert.EndsWith(id, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var listed = await host.GetJsonAsync($"/api/datasets/{id}");
        Assert.Equal("Europe/Paris", listed.GetProperty("timeZone").GetString());
        Assert.Contains(body.GetProperty("writeKey").GetString(), listed.GetProperty("writeKeys").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":"ok","timeZone":"Mars/Olympus"}""", "timeZone")]
    public async Task CreateDataset_InvalidRequest_Is400ProblemNamingTheField(string json, string field)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        using var response = await host.Admin.PostAsync("/api/datasets", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task CreateDataset_NameTooLong_Is400Problem()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        using var response = await host.Admin.PostAsJsonAsync("/api/datasets", new { name = new string('n', 201) }, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bug_CreateDatasetMalformedJson_Is400ProblemWithMessage()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        using var response = await host.Admin.PostAsync("/api/datasets", new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateDataset_DuplicateName_Is409Problem()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        using var response = await host.Admin.PostAsJsonAsync("/api/datasets", new { name = dataset.Name }, TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(dataset.Name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWriteKey_ExistingDataset_NewKeyWritesToSameDataset()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        using var response = await host.Admin.PostAsync($"/api/datasets/{dataset.Id}/write-keys", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("writeKey").GetString()!;
        await host.SendOkAsync("/v1/track", """{"userId":"u1","event":"x"}""", dataset with { WriteKey = key });
        Assert.Single((await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events")).EnumerateArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic dGVzdC1hZG1pbi1rZXk6")]
    public async Task AdminApi_WithoutValidKey_Is401Problem(string? authorization)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithoutKey_CannotCreateDataset()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var name = "sneaky-" + Guid.NewGuid().ToString("N");

        using var response = await host.Client.PostAsJsonAsync("/api/datasets", new { name }, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        var all = await host.GetJsonAsync("/api/datasets");
        Assert.DoesNotContain(name, all.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task GetProfile_AfterIdentifyGroupAndTrack_ShowsAttributesKpisAccountsAndEvents()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        await host.SendOkAsync("/v1/batch", $$"""
            {"batch":[
              {"type":"identify","userId":"ada","traits":{"email":"ada@example.com","name":"Ada Lovelace"},"timestamp":"{{At(TimeSpan.FromHours(-3))}}"},
              {"type":"group","userId":"ada","groupId":"acme","traits":{"name":"Acme Inc"},"timestamp":"{{At(TimeSpan.FromHours(-3))}}"},
              {"type":"track","userId":"ada","event":"Report Exported","timestamp":"{{At(TimeSpan.FromHours(-2))}}"},
              {"type":"track","userId":"ada","event":"Report Exported","timestamp":"{{At(TimeSpan.FromHours(-1))}}"},
              {"type":"track","userId":"ada","event":"nps_score","properties":{"score":9},"timestamp":"{{At(TimeSpan.FromMinutes(-50))}}"},
              {"type":"track","userId":"ada","event":"nps_feedback","properties":{"feedback":"Love it"},"timestamp":"{{At(TimeSpan.FromMinutes(-49))}}"}
            ]}
            """, dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "ada");
        var email = profile.GetProperty("attributes").GetProperty("email");
        Assert.Equal("ada@example.com", email.GetProperty("value").GetString());
        Assert.Equal("tracking", email.GetProperty("source").GetString());
        Assert.Equal(DateTimeOffset.Parse(At(TimeSpan.FromHours(-3))).ToUnixTimeMilliseconds(),
            email.GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var kpis = profile.GetProperty("kpis");
        Assert.Equal(6, kpis.GetProperty("totalEvents").GetInt64());
        Assert.Equal(3, kpis.GetProperty("sessions").GetInt32());
        Assert.Equal(2, kpis.GetProperty("eventCounts").GetProperty("Report Exported").GetInt64());
        Assert.InRange(kpis.GetProperty("daysActiveLast30Days").GetInt32(), 1, 2);
        Assert.Equal(DateTimeOffset.Parse(At(TimeSpan.FromHours(-3))).ToUnixTimeMilliseconds(),
            kpis.GetProperty("firstSeen").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(9, kpis.GetProperty("nps").GetProperty("score").GetInt32());
        Assert.Equal("Love it", kpis.GetProperty("nps").GetProperty("feedback").GetString());
        var account = Assert.Single(profile.GetProperty("accounts").EnumerateArray());
        Assert.Equal("acme", account.GetProperty("groupId").GetString());
        Assert.Equal("Acme Inc", account.GetProperty("name").GetString());
        var latest = profile.GetProperty("latestEvents").EnumerateArray().ToList();
        Assert.Equal(6, latest.Count);
        Assert.Equal("nps_feedback", latest[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetProfile_DatasetWithItsOwnNpsEventNames_TakesTheAnswerFromThoseEvents()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Datasets.Where(d => d.Id == dataset.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.NpsScoreEvent, "Survey Answered")
                .SetProperty(d => d.NpsFeedbackEvent, "Survey Comment"), TestContext.Current.CancellationToken);
        }

        // The processor reads a track event's properties only for the dataset's NPS events.
        await host.SendOkAsync("/v1/batch", $$"""
            {"batch":[
              {"type":"track","userId":"lin","event":"Survey Answered","properties":{"score":4},"timestamp":"{{At(TimeSpan.FromMinutes(-30))}}"},
              {"type":"track","userId":"lin","event":"Survey Comment","properties":{"feedback":"Too slow"},"timestamp":"{{At(TimeSpan.FromMinutes(-29))}}"},
              {"type":"track","userId":"lin","event":"nps_score","properties":{"score":10},"timestamp":"{{At(TimeSpan.FromMinutes(-28))}}"}
            ]}
            """, dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var kpis = (await host.ProfileAsync(dataset, "lin")).GetProperty("kpis");
        Assert.Equal(4, kpis.GetProperty("nps").GetProperty("score").GetInt32());
        Assert.Equal("Too slow", kpis.GetProperty("nps").GetProperty("feedback").GetString());
        Assert.Equal(1, kpis.GetProperty("eventCounts").GetProperty("nps_score").GetInt64());
    }

    [Fact]
    public async Task GetProfile_AnonymousThenIdentified_IsOneProfileReachableByBothIds()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/page", """{"anonymousId":"visitor-7","name":"Pricing"}""", dataset);
        await host.SendOkAsync("/v1/track", """{"anonymousId":"visitor-7","event":"Trial Started"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        var anonymous = await host.ProfileAsync(dataset, "visitor-7");
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("userId").ValueKind);

        await host.SendOkAsync("/v1/identify", """{"userId":"grace","anonymousId":"visitor-7","traits":{"email":"grace@example.com"}}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var byUser = await host.ProfileAsync(dataset, "grace");
        var byAnonymous = await host.ProfileAsync(dataset, "visitor-7");
        Assert.Equal(byUser.GetRawText(), byAnonymous.GetRawText());
        Assert.Equal("grace", byUser.GetProperty("userId").GetString());
        Assert.Equal(3, byUser.GetProperty("kpis").GetProperty("totalEvents").GetInt64());
        Assert.Equal(3, byUser.GetProperty("latestEvents").GetArrayLength());
        var page = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles");
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GetProfile_KnownUserLaterSeenAnonymously_MergesAcrossRequests()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/identify", """{"userId":"lin","traits":{"plan":"pro"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        await host.SendOkAsync("/v1/track", """{"anonymousId":"phone-1","event":"Opened App"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        await host.SendOkAsync("/v1/identify", """{"userId":"lin","anonymousId":"phone-1"}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "phone-1");
        Assert.Equal("lin", profile.GetProperty("userId").GetString());
        Assert.Equal(1, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty("Opened App").GetInt64());
        var page = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles");
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GetProfile_AliasOfTwoKnownUsersAcrossRequests_MergesAndOldIdResolves()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/identify", """{"userId":"old","traits":{"email":"o@example.com"}}""", dataset);
        await host.SendOkAsync("/v1/identify", """{"userId":"new","traits":{"plan":"pro"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        await host.SendOkAsync("/v1/alias", """{"previousId":"old","userId":"new"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        await host.SendOkAsync("/v1/track", """{"userId":"old","event":"Still Here"}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "old");
        Assert.Equal("new", profile.GetProperty("userId").GetString());
        Assert.Equal("o@example.com", profile.GetProperty("attributes").GetProperty("email").GetProperty("value").GetString());
        Assert.Equal(1, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty("Still Here").GetInt64());
        var page = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles");
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ListEvents_OfUserAliasedLater_IncludesEventsSentUnderTheOldId()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/track", """{"userId":"before","event":"Trial Started"}""", dataset);
        await host.SendOkAsync("/v1/track", """{"userId":"after","event":"Plan Chosen"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        await host.SendOkAsync("/v1/alias", """{"previousId":"before","userId":"after"}""", dataset);
        await host.SendOkAsync("/v1/track", """{"userId":"after","event":"Paid"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var names = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=after")).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString() == "track" ? e.GetProperty("name").GetString() : e.GetProperty("type").GetString())
            .ToList();
        Assert.Equal(["Paid", "alias", "Plan Chosen", "Trial Started"], names);
        var viaOldId = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=before")).GetArrayLength();
        Assert.Equal(4, viaOldId);
        Assert.Equal(4, (await host.ProfileAsync(dataset, "after")).GetProperty("latestEvents").GetArrayLength());
    }

    [Fact]
    public async Task MessageId_RepeatedAfterProcessing_IsSkippedAndStaysOnceAfterReprocess()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        const string json = """{"userId":"rita","event":"Paid","messageId":"pay-1"}""";
        await host.SendOkAsync("/v1/track", json, dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        // A retry long after the first delivery, with a body that differs: the first one stands.
        await host.SendOkAsync("/v1/track", """{"userId":"rita","event":"Refunded","messageId":"pay-1"}""", dataset);
        await host.SendOkAsync("/v1/track", """{"userId":"rita","event":"Paid","messageId":"pay-2"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        async Task AssertSeenOnceAsync()
        {
            var events = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events")).EnumerateArray().ToList();
            Assert.Equal(["pay-2", "pay-1"], events.Select(e => e.GetProperty("messageId").GetString()));
            Assert.Equal(2, (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=rita")).GetArrayLength());
            var counts = (await host.ProfileAsync(dataset, "rita")).GetProperty("kpis").GetProperty("eventCounts");
            Assert.Equal(2, counts.GetProperty("Paid").GetInt64());
            Assert.False(counts.TryGetProperty("Refunded", out _));
        }
        await AssertSeenOnceAsync();

        await host.Services.GetRequiredService<DatasetStore>().ResetDerivedDataAsync(dataset.Id, CancellationToken.None);
        await host.WaitForProcessingAsync(dataset.Id);
        await AssertSeenOnceAsync();
    }

    [Fact]
    public async Task GetProfile_Unknown_Is404Problem()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        using var response = await host.Admin.GetAsync($"/api/datasets/{dataset.Id}/profiles/nobody", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/profiles")]
    [InlineData("/profiles/u1")]
    [InlineData("/accounts/g1")]
    [InlineData("/events")]
    [InlineData("/status")]
    [InlineData("")]
    public async Task ReadApi_UnknownDataset_Is404Problem(string suffix)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        using var response = await host.Admin.GetAsync("/api/datasets/ds_doesnotexist" + suffix, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetAccount_WithMembers_ShowsTraitsKpisAndMembers()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/batch", """
            {"batch":[
              {"type":"identify","userId":"m1","traits":{"email":"m1@acme.test"}},
              {"type":"group","userId":"m1","groupId":"acme","traits":{"name":"Acme","plan":"enterprise"}},
              {"type":"group","userId":"m2","groupId":"acme"},
              {"type":"track","userId":"m1","event":"Seat Added"},
              {"type":"track","userId":"m2","event":"Seat Added"},
              {"type":"track","userId":"m2","event":"nps_score","properties":{"score":"6"}},
              {"type":"track","userId":"outsider","event":"Seat Added"}
            ]}
            """, dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var account = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/accounts/acme");
        Assert.Equal("Acme", account.GetProperty("name").GetString());
        Assert.Equal("enterprise", account.GetProperty("attributes").GetProperty("plan").GetProperty("value").GetString());
        Assert.Equal(2, account.GetProperty("memberCount").GetInt32());
        Assert.Equal(["m1", "m2"], account.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetString()).Order());
        var kpis = account.GetProperty("kpis");
        Assert.Equal(2, kpis.GetProperty("eventCounts").GetProperty("Seat Added").GetInt64());
        Assert.Equal(6, kpis.GetProperty("nps").GetProperty("score").GetInt32());
        using var missing = await host.Admin.GetAsync($"/api/datasets/{dataset.Id}/accounts/globex", TestContext.Current.CancellationToken);
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListEvents_Filters_ByUserNameAndLimit()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/batch", """
            {"batch":[
              {"type":"track","anonymousId":"a-1","event":"Viewed"},
              {"type":"identify","userId":"u-1","anonymousId":"a-1"},
              {"type":"track","userId":"u-1","event":"Viewed"},
              {"type":"track","userId":"u-1","event":"Bought"},
              {"type":"track","userId":"u-2","event":"Viewed"}
            ]}
            """, dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var all = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events");
        var ofUser = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=u-1");
        var viewedByUser = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=u-1&name=Viewed");
        var viewed = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?name=Viewed&limit=2");
        var byAnonymousId = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?userId=a-1");

        Assert.Equal(5, all.GetArrayLength());
        Assert.Equal(4, ofUser.GetArrayLength());
        Assert.Equal(2, viewedByUser.GetArrayLength());
        Assert.Equal(2, viewed.GetArrayLength());
        Assert.Equal("u-2", viewed[0].GetProperty("userId").GetString());
        Assert.Equal(4, byAnonymousId.GetArrayLength());
        var sequences = all.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=abc")]
    public async Task ListEvents_BadLimit_Is400(string query)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        using var response = await host.Admin.GetAsync($"/api/datasets/{dataset.Id}/events?{query}", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListProfiles_SearchAndCursor_PagesThroughMatchesOnce()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        var messages = Enumerable.Range(0, 7).Select(i => $$$"""{"type":"identify","userId":"user-{{{i}}}","traits":{"email":"person{{{i}}}@{{{(i % 2 == 0 ? "acme.test" : "globex.test")}}}","name":"Person {{{i}}}"}}""");
        await host.SendOkAsync("/v1/batch", "{\"batch\":[" + string.Join(',', messages) + ",{\"type\":\"page\",\"anonymousId\":\"anon-x\"}]}", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles?search=ACME&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("userId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["user-0", "user-2", "user-4", "user-6"], seen.Order());
        Assert.Equal(2, pages);
        var everyone = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles?limit=500");
        Assert.Equal(8, everyone.GetProperty("items").GetArrayLength());
        Assert.Contains(everyone.GetProperty("items").EnumerateArray(), p => p.GetProperty("anonymousId").GetString() == "anon-x");
        var byName = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles?search=person%203");
        Assert.Equal("user-3", Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    public async Task ListProfiles_SearchWithLikeWildcards_MatchesLiterally(string search)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/identify", """{"userId":"plain","traits":{"email":"plain@example.com"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles?search={search}");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ListProfiles_BadCursor_Is400()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();

        using var response = await host.Admin.GetAsync($"/api/datasets/{dataset.Id}/profiles?cursor=garbage!", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Datasets_SameUserIdInTwoDatasets_StaySeparate()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var web = await host.CreateDatasetAsync();
        var app = await host.CreateDatasetAsync();

        await host.SendOkAsync("/v1/identify", """{"userId":"shared","anonymousId":"anon-shared","traits":{"source":"web"}}""", web);
        await host.SendOkAsync("/v1/identify", """{"userId":"shared","traits":{"source":"app"}}""", app);
        await host.SendOkAsync("/v1/track", """{"userId":"shared","event":"App Only"}""", app);
        await host.SendOkAsync("/v1/group", """{"userId":"shared","groupId":"acme"}""", web);

        await host.WaitForProcessingAsync(web.Id);
        await host.WaitForProcessingAsync(app.Id);
        var inWeb = await host.ProfileAsync(web, "shared");
        var inApp = await host.ProfileAsync(app, "shared");
        Assert.Equal("web", inWeb.GetProperty("attributes").GetProperty("source").GetProperty("value").GetString());
        Assert.Equal("app", inApp.GetProperty("attributes").GetProperty("source").GetProperty("value").GetString());
        Assert.False(inWeb.GetProperty("kpis").GetProperty("eventCounts").TryGetProperty("App Only", out _));
        Assert.Empty(inApp.GetProperty("accounts").EnumerateArray());
        Assert.Empty(inApp.GetProperty("anonymousIds").EnumerateArray());
        using var noAccount = await host.Admin.GetAsync($"/api/datasets/{app.Id}/accounts/acme", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, noAccount.StatusCode);
        using var noAnonymous = await host.Admin.GetAsync($"/api/datasets/{app.Id}/profiles/anon-shared", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, noAnonymous.StatusCode);
    }

    [Fact]
    public async Task Reprocess_FromTheLog_GivesTheSameProfilesAndAccounts()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/batch", $$$"""
            {"batch":[
              {"type":"page","anonymousId":"v1","name":"Home","timestamp":"{{{At(TimeSpan.FromDays(-3))}}}"},
              {"type":"identify","userId":"kim","anonymousId":"v1","traits":{"email":"kim@example.com","phone":"555"},"timestamp":"{{{At(TimeSpan.FromDays(-2))}}}"},
              {"type":"identify","userId":"kim","traits":{"phone":null},"timestamp":"{{{At(TimeSpan.FromDays(-1))}}}"},
              {"type":"group","userId":"kim","groupId":"acme","traits":{"name":"Acme"},"timestamp":"{{{At(TimeSpan.FromHours(-20))}}}"},
              {"type":"track","userId":"kim","event":"nps_score","properties":{"score":8},"timestamp":"{{{At(TimeSpan.FromHours(-5))}}}"},
              {"type":"identify","userId":"lee","traits":{"email":"lee@example.com"}},
              {"type":"alias","previousId":"lee","userId":"lee-2"}
            ]}
            """, dataset);
        await host.SendOkAsync("/v1/track", """{"userId":"kim","event":"Late Event"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        var kimBefore = (await host.ProfileAsync(dataset, "kim")).GetRawText();
        var leeBefore = (await host.ProfileAsync(dataset, "lee")).GetRawText();
        var accountBefore = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/accounts/acme")).GetRawText();
        var listBefore = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles")).GetProperty("items").GetRawText();

        await host.Services.GetRequiredService<DatasetStore>().ResetDerivedDataAsync(dataset.Id, CancellationToken.None);
        await host.WaitForProcessingAsync(dataset.Id);

        Assert.Equal(kimBefore, (await host.ProfileAsync(dataset, "kim")).GetRawText());
        Assert.Equal(leeBefore, (await host.ProfileAsync(dataset, "lee")).GetRawText());
        Assert.Equal(accountBefore, (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/accounts/acme")).GetRawText());
        Assert.Equal(listBefore, (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/profiles")).GetProperty("items").GetRawText());
        Assert.False(JsonDocument.Parse(kimBefore).RootElement.GetProperty("attributes").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task Status_AfterCatchUp_ReportsPositionAndNoLag()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        var dataset = await host.CreateDatasetAsync();
        await host.SendOkAsync("/v1/track", """{"userId":"u1","event":"x"}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);

        var status = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/status");
        var e = Assert.Single((await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events")).EnumerateArray());
        Assert.Equal(e.GetProperty("sequence").GetInt64(), status.GetProperty("processedPosition").GetInt64());
        Assert.Equal(0, status.GetProperty("lagMilliseconds").GetInt64());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_WithoutCredentials_IsHealthy(string path)
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        using var response = await host.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApi_Document_ListsTrackingAndAdminEndpoints()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);

        var document = await host.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/v1/identify", "/v1/track", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/batch",
            "/api/datasets", "/api/datasets/{datasetId}", "/api/datasets/{datasetId}/profiles",
            "/api/datasets/{datasetId}/profiles/{userId}", "/api/datasets/{datasetId}/accounts/{groupId}",
            "/api/datasets/{datasetId}/events", "/api/datasets/{datasetId}/status",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }
}

// The same scenarios on each database.
public sealed class AdminApiSqliteTests(SqliteHostFixture fixture) : AdminApiTests<SqliteHostFixture>(fixture);

public sealed class AdminApiPostgresTests(PostgresHostFixture fixture) : AdminApiTests<PostgresHostFixture>(fixture);
