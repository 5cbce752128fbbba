using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Tracking;

/// <summary>The Segment-compatible tracking API, run on each database by the derived classes.</summary>
public abstract class TrackingApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private async Task<(RapportTestHost Host, TestDataset Dataset)> StartAsync()
    {
        var host = await fixture.GetAsync(TestContext.Current.CancellationToken);
        return (host, await host.CreateDatasetAsync());
    }

    private static async Task<JsonElement> EventsAsync(RapportTestHost host, TestDataset dataset, string query = "")
        => await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events?limit=500{query}");

    [Theory]
    [InlineData("/v1/identify", """{"userId":"u-identify","traits":{"email":"ada@example.com"}}""", "u-identify", "identify")]
    [InlineData("/v1/track", """{"userId":"u-track","event":"Order Completed","properties":{"total":12.5}}""", "u-track", "Order Completed")]
    [InlineData("/v1/page", """{"userId":"u-page","name":"Pricing","properties":{"path":"/pricing"}}""", "u-page", "page")]
    [InlineData("/v1/screen", """{"anonymousId":"a-screen","name":"Home"}""", "a-screen", "screen")]
    [InlineData("/v1/group", """{"userId":"u-group","groupId":"acme","traits":{"name":"Acme"}}""", "u-group", "group")]
    public async Task Endpoint_ValidMessage_StoresEventAndBuildsProfile(string path, string json, string id, string countKey)
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync(path, json, dataset.WriteKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("success").GetBoolean());
        await host.WaitForProcessingAsync(dataset.Id);
        var events = await EventsAsync(host, dataset);
        var stored = Assert.Single(events.EnumerateArray());
        Assert.Equal(path[4..], stored.GetProperty("type").GetString());
        var profile = await host.ProfileAsync(dataset, id);
        Assert.Equal(1, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty(countKey).GetInt64());
    }

    [Fact]
    public async Task Alias_AnonymousIdToUserId_ProfileHasBothIds()
    {
        var (host, dataset) = await StartAsync();
        await host.SendOkAsync("/v1/track", """{"anonymousId":"anon-1","event":"Signed Up"}""", dataset);

        await host.SendOkAsync("/v1/alias", """{"previousId":"anon-1","userId":"user-1"}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "user-1");
        Assert.Equal("user-1", profile.GetProperty("userId").GetString());
        Assert.Contains("anon-1", profile.GetProperty("anonymousIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty("Signed Up").GetInt64());
    }

    [Fact]
    public async Task WriteKey_AsBasicUserName_IsAccepted()
    {
        var (host, dataset) = await StartAsync();

        using var response = await Send(host, "/v1/track", """{"userId":"u1","event":"x"}""", RapportTestHost.BasicAuth(dataset.WriteKey, ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WriteKey_AsBasicPassword_IsAccepted()
    {
        var (host, dataset) = await StartAsync();

        using var response = await Send(host, "/v1/track", """{"userId":"u1","event":"x"}""", RapportTestHost.BasicAuth("", dataset.WriteKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WriteKey_InBody_IsAccepted()
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/batch",
            $$"""{"writeKey":"{{dataset.WriteKey}}","batch":[{"type":"track","userId":"u1","event":"x"}]}""", writeKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForProcessingAsync(dataset.Id);
        Assert.Single((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Fact]
    public async Task WriteKey_Missing_Is401ProblemAndNothingStored()
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/track", """{"userId":"u1","event":"x"}""", writeKey: null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task WriteKey_Unknown_Is401Problem(string key)
    {
        var (host, _) = await StartAsync();

        using var response = key.Length == 0
            ? await Send(host, "/v1/track", """{"userId":"u1","event":"x"}""", new AuthenticationHeaderValue("Basic", "!!!not-base64"))
            : await host.TrackAsync("/v1/track", """{"userId":"u1","event":"x"}""", key);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WriteKey_OfAnotherDataset_StoresIntoThatDatasetOnly()
    {
        var (host, first) = await StartAsync();
        var second = await host.CreateDatasetAsync();

        await host.SendOkAsync("/v1/track", """{"userId":"u1","event":"x"}""", second);

        Assert.Empty((await EventsAsync(host, first)).EnumerateArray());
        Assert.Single((await EventsAsync(host, second)).EnumerateArray());
    }

    [Fact]
    public async Task Batch_AllValid_StoresEveryMessageInOrder()
    {
        var (host, dataset) = await StartAsync();

        await host.SendOkAsync("/v1/batch", """
            {"batch":[
              {"type":"identify","userId":"u1","traits":{"name":"Ada"}},
              {"type":"track","userId":"u1","event":"First"},
              {"type":"page","userId":"u1","name":"Home"},
              {"type":"screen","userId":"u1","name":"Settings"},
              {"type":"group","userId":"u1","groupId":"g1"},
              {"type":"alias","previousId":"old-u1","userId":"u1"}
            ]}
            """, dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var types = (await EventsAsync(host, dataset)).EnumerateArray().Select(e => e.GetProperty("type").GetString()).Reverse();
        Assert.Equal(["identify", "track", "page", "screen", "group", "alias"], types);
        var profile = await host.ProfileAsync(dataset, "old-u1");
        Assert.Equal("u1", profile.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Batch_WithInvalidMessages_IsRejectedWholeWithTheirIndexes()
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/batch", """
            {"batch":[
              {"type":"track","userId":"u1","event":"ok"},
              {"type":"track","event":"no user"},
              {"type":"identify","userId":"u2"},
              {"type":"explode","userId":"u3"},
              {"type":"group","userId":"u4","traits":"oops","groupId":"g"}
            ]}
            """, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([1, 3, 4], Problem.Indexes(problem));
        Assert.Contains("nothing from this request was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await EventsAsync(host, dataset)).EnumerateArray());
        var status = await host.GetJsonAsync($"/api/datasets/{dataset.Id}/status");
        Assert.Equal(0, status.GetProperty("pendingEvents").GetInt64());
    }

    [Theory]
    [InlineData("""{"batch":[]}""", "empty")]
    [InlineData("""{"batch":{"type":"track"}}""", "\"batch\" array")]
    [InlineData("""{"messages":[]}""", "\"batch\" array")]
    [InlineData("""{"batch":[{"type":"track","userId":"u","event":"x"}],"sentAt":"soon"}""", "sentAt")]
    [InlineData("""{"batch":[42]}""", "JSON object")]
    public async Task Batch_BadShape_Is400NamingTheProblem(string json, string expected)
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/batch", json, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString());
        Assert.Contains(messages, m => m!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_ContextAndSentAt_AreInheritedByMessages()
    {
        var (host, dataset) = await StartAsync();
        var sentAt = DateTimeOffset.UtcNow.AddHours(2);
        var timestamp = sentAt.AddMinutes(-5);

        await host.SendOkAsync("/v1/batch", $$"""
            {"sentAt":"{{sentAt:O}}","context":{"ip":"10.1.2.3"},
             "batch":[{"type":"track","userId":"u1","event":"x","timestamp":"{{timestamp:O}}"}]}
            """, dataset);

        var e = Assert.Single((await EventsAsync(host, dataset)).EnumerateArray());
        Assert.Equal("10.1.2.3", e.GetProperty("message").GetProperty("context").GetProperty("ip").GetString());
        // Clock skew: the device is two hours ahead, so the event happened about five minutes before receipt.
        var corrected = e.GetProperty("timestamp").GetDateTimeOffset();
        var received = e.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(5), received - corrected);
    }

    [Fact]
    public async Task MessageId_Repeated_IsStoredOnce()
    {
        var (host, dataset) = await StartAsync();
        const string json = """{"userId":"u1","event":"Paid","messageId":"dup-1"}""";

        await host.SendOkAsync("/v1/track", json, dataset);
        await host.SendOkAsync("/v1/track", json, dataset);
        await host.SendOkAsync("/v1/batch", """{"batch":[{"type":"track","userId":"u1","event":"Paid","messageId":"dup-1"},{"type":"track","userId":"u1","event":"Paid","messageId":"dup-2"},{"type":"track","userId":"u1","event":"Paid","messageId":"dup-2"}]}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var ids = (await EventsAsync(host, dataset)).EnumerateArray().Select(e => e.GetProperty("messageId").GetString()).Order();
        Assert.Equal(["dup-1", "dup-2"], ids);
        var profile = await host.ProfileAsync(dataset, "u1");
        Assert.Equal(2, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty("Paid").GetInt64());
    }

    [Fact]
    public async Task MessageId_SameInTwoDatasets_IsStoredInBoth()
    {
        var (host, first) = await StartAsync();
        var second = await host.CreateDatasetAsync();
        const string json = """{"userId":"u1","event":"Paid","messageId":"shared-id"}""";

        await host.SendOkAsync("/v1/track", json, first);
        await host.SendOkAsync("/v1/track", json, second);

        Assert.Single((await EventsAsync(host, first)).EnumerateArray());
        Assert.Single((await EventsAsync(host, second)).EnumerateArray());
    }

    [Fact]
    public async Task Body_Gzipped_IsAccepted()
    {
        var (host, dataset) = await StartAsync();
        using var content = Gzip("""{"batch":[{"type":"track","userId":"u1","event":"Zipped"},{"type":"identify","userId":"u1","traits":{"plan":"pro"}}]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = content };
        request.Headers.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "u1");
        Assert.Equal("pro", profile.GetProperty("attributes").GetProperty("plan").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Body_MarkedGzipButNotGzip_Is400()
    {
        var (host, dataset) = await StartAsync();
        using var content = new StringContent("""{"userId":"u1","event":"x"}""", Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track") { Content = content };
        request.Headers.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Body_UnsupportedEncoding_Is415()
    {
        var (host, dataset) = await StartAsync();
        using var content = new StringContent("""{"userId":"u1","event":"x"}""", Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("br");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track") { Content = content };
        request.Headers.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Message_Over32KB_Is413()
    {
        var (host, dataset) = await StartAsync();
        var big = new string('x', 33 * 1024);

        using var response = await host.TrackAsync("/v1/track", $$$"""{"userId":"u1","event":"x","properties":{"blob":"{{{big}}}"}}""", dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("32 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Fact]
    public async Task Batch_OneMessageOver32KB_Is413WithItsIndex()
    {
        var (host, dataset) = await StartAsync();
        var big = new string('x', 33 * 1024);

        using var response = await host.TrackAsync("/v1/batch",
            $$$"""{"batch":[{"type":"track","userId":"u1","event":"small"},{"type":"track","userId":"u1","event":"big","properties":{"blob":"{{{big}}}"}}]}""",
            dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal([1], Problem.Indexes(problem));
        Assert.Empty((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Fact]
    public async Task Batch_Over500KB_Is413()
    {
        var (host, dataset) = await StartAsync();
        var chunk = new string('y', 20 * 1024);
        var messages = Enumerable.Range(0, 26).Select(i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"e","properties":{"p":"{{{chunk}}}"}}""");

        using var response = await host.TrackAsync("/v1/batch", "{\"batch\":[" + string.Join(',', messages) + "]}", dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("500 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Fact]
    public async Task Batch_GzipThatInflatesPast500KB_Is413()
    {
        var (host, dataset) = await StartAsync();
        var chunk = new string('z', 20 * 1024);
        var messages = Enumerable.Range(0, 30).Select(i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"e","properties":{"p":"{{{chunk}}}"}}""");
        using var content = Gzip("{\"batch\":[" + string.Join(',', messages) + "]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = content };
        request.Headers.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{\"userId\":\"u1\",")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"userId\":\"u1\"}{\"userId\":\"u2\"}")]
    [InlineData("{\"userId\":\"u1\",\"event\":\"x\",}")]
    public async Task Body_MalformedJson_Is400Problem(string body)
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/track", body, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/track", """{"event":"x"}""", "\"userId\" or \"anonymousId\"")]
    [InlineData("/v1/track", """{"userId":"u1"}""", "\"event\"")]
    [InlineData("/v1/identify", """{"userId":"u1","traits":["a"]}""", "\"traits\" must be an object")]
    [InlineData("/v1/group", """{"userId":"u1"}""", "\"groupId\"")]
    [InlineData("/v1/alias", """{"userId":"u1"}""", "\"previousId\"")]
    [InlineData("/v1/page", """{"userId":42.5e3,"anonymousId":[]}""", "\"anonymousId\" must be a string")]
    [InlineData("/v1/track", """["not","an","object"]""", "JSON object")]
    public async Task Endpoint_InvalidMessage_Is400NamingTheField(string path, string json, string expected)
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync(path, json, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_NestedDeeperThan64_Is400()
    {
        var (host, dataset) = await StartAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70);

        using var response = await host.TrackAsync("/v1/track", $$"""{"userId":"u1","event":"x","properties":{{nested}}}""", dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("64", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_Nested60Deep_ProfileAndEventsReadBackInsteadOf500()
    {
        var (host, dataset) = await StartAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60);

        await host.SendOkAsync("/v1/identify", $$$"""{"userId":"u1","traits":{"deep":{{{nested}}}}}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "u1");
        var expected = JsonDocument.Parse(nested).RootElement;
        Assert.True(JsonElement.DeepEquals(expected, profile.GetProperty("attributes").GetProperty("deep").GetProperty("value")));
        var e = Assert.Single((await EventsAsync(host, dataset)).EnumerateArray());
        Assert.True(JsonElement.DeepEquals(expected, e.GetProperty("message").GetProperty("traits").GetProperty("deep")));
    }

    [Fact]
    public async Task Unicode_EmojiRtlAndEscapes_AreStoredAndReadBackExactly()
    {
        var (host, dataset) = await StartAsync();
        const string name = "Zoë 👩🏽‍💻 مرحبا بالعالم";
        const string escaped = """{"userId":"user-\ud83d\ude00-عربي","traits":{"name":"Zoë 👩🏽‍💻 مرحبا بالعالم","note":"tab\there \u00e9","hebrew":"שלום"}}""";

        await host.SendOkAsync("/v1/identify", escaped, dataset);
        await host.SendOkAsync("/v1/track", JsonSerializer.Serialize(new { userId = "user-😀-عربي", @event = "Clicked 🎉" }), dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "user-😀-عربي");
        var attributes = profile.GetProperty("attributes");
        Assert.Equal(name, attributes.GetProperty("name").GetProperty("value").GetString());
        Assert.Equal("tab\there é", attributes.GetProperty("note").GetProperty("value").GetString());
        Assert.Equal("שלום", attributes.GetProperty("hebrew").GetProperty("value").GetString());
        Assert.Equal(1, profile.GetProperty("kpis").GetProperty("eventCounts").GetProperty("Clicked 🎉").GetInt64());
        var events = await EventsAsync(host, dataset, "&name=" + Uri.EscapeDataString("Clicked 🎉"));
        Assert.Single(events.EnumerateArray());
    }

    [Theory]
    [InlineData("""{"userId":"nul\u0000user","event":"x"}""")]
    [InlineData("""{"userId":"u1","event":"nul\u0000event"}""")]
    [InlineData("""{"userId":"u1","event":"x","messageId":"m\u0000"}""")]
    [InlineData("""{"userId":"u1","event":"x","properties":{"email":"a\u0000@b.c"}}""")]
    [InlineData("""{"userId":"u1","event":"x","properties":{"k\u0000":[1,{"deep":"ok"}]}}""")]
    public async Task Bug_NulEscapeInMessage_Is400AndOtherRequestsStillSucceed(string json)
    {
        // Was: on PostgreSQL the insert failed, answering 503 to this and every request sharing its group commit.
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/track", json, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("NUL", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await host.SendOkAsync("/v1/track", """{"userId":"u1","event":"after"}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        Assert.Single((await EventsAsync(host, dataset)).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"userId":"u1","traits":{"bad":"\ud800"}}""")]
    [InlineData("""{"userId":"u1","traits":{"bad\udfff":1}}""")]
    [InlineData("""{"userId":"u1","traits":{"list":["ok","\uDC00x"]}}""")]
    public async Task Bug_UnpairedSurrogateEscape_Is400AndProcessingKeepsGoing(string json)
    {
        // Was: accepted, then the processor failed on it forever, stalling every dataset on the server.
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/identify", json, dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("surrogate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await host.SendOkAsync("/v1/identify", """{"userId":"u1","traits":{"ok":"\ud83d\ude00"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "u1");
        Assert.Equal("😀", profile.GetProperty("attributes").GetProperty("ok").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Strings_VeryLongTraitValue_IsStoredWhole()
    {
        var (host, dataset) = await StartAsync();
        var longValue = string.Concat(Enumerable.Repeat("abcdefghij", 3_000));

        await host.SendOkAsync("/v1/identify", $$$"""{"userId":"u1","traits":{"bio":"{{{longValue}}}"}}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "u1");
        Assert.Equal(longValue, profile.GetProperty("attributes").GetProperty("bio").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Strings_UserIdOver1024Characters_Is400()
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/track", $$"""{"userId":"{{new string('u', 1025)}}","event":"x"}""", dataset.WriteKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("longer than 1024", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strings_UserIdOf1024Characters_IsStoredAndReadable()
    {
        var (host, dataset) = await StartAsync();
        var id = new string('u', 1024);

        await host.SendOkAsync("/v1/track", $$"""{"userId":"{{id}}","event":"x"}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, id);
        Assert.Equal(id, profile.GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1e-400")]
    public async Task Numbers_OutOfRange_AreNeverA5xxAndProfileStaysReadable(string number)
    {
        var (host, dataset) = await StartAsync();

        using var response = await host.TrackAsync("/v1/identify", $$$"""{"userId":"u1","traits":{"huge":{{{number}}}}}""", dataset.WriteKey);
        using var nps = await host.TrackAsync("/v1/track", $$$"""{"userId":"u1","event":"nps_score","properties":{"score":{{{number}}}}}""", dataset.WriteKey);

        if (response.StatusCode != HttpStatusCode.OK)
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, nps.StatusCode);
        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "u1");
        Assert.Equal(number, profile.GetProperty("attributes").GetProperty("huge").GetProperty("value").GetRawText());
        var score = profile.GetProperty("kpis").GetProperty("nps").GetProperty("score");
        Assert.True(score.ValueKind == JsonValueKind.Null || (number == "1e-400" && score.GetInt32() == 0), $"NPS score {score}");
    }

    [Fact]
    public async Task Numbers_NumericUserId_IsStoredAsString()
    {
        var (host, dataset) = await StartAsync();

        await host.SendOkAsync("/v1/identify", """{"userId":4242,"traits":{"plan":"pro"}}""", dataset);

        await host.WaitForProcessingAsync(dataset.Id);
        var profile = await host.ProfileAsync(dataset, "4242");
        Assert.Equal("4242", profile.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Import_LegacyEndpoint_AcceptsBatch()
    {
        var (host, dataset) = await StartAsync();

        await host.SendOkAsync("/v1/import", """{"batch":[{"type":"track","userId":"u1","event":"x"}]}""", dataset);

        Assert.Single((await EventsAsync(host, dataset)).EnumerateArray());
    }

    private static Task<HttpResponseMessage> Send(RapportTestHost host, string path, string json, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ByteArrayContent Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}

// The same scenarios on each database.
public sealed class TrackingApiSqliteTests(SqliteHostFixture fixture) : TrackingApiTests<SqliteHostFixture>(fixture);

public sealed class TrackingApiPostgresTests(PostgresHostFixture fixture) : TrackingApiTests<PostgresHostFixture>(fixture);
