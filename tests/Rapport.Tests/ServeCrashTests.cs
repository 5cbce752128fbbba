using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary>Durability of <c>rapport serve</c>: a 200 survives SIGKILL, and processing resumes after restart.</summary>
public class ServeCrashTests : IDisposable
{
    private const int Batches = 40;
    private const int EventsPerBatch = 50;
    private const int Users = 100;

    private readonly RapportCli _cli = new();

    [Fact]
    public async Task Serve_KilledWithSigkillRightAfter200s_RestartHasEveryEventAndProfile()
    {
        var created = await _cli.RunAsync("datasets", "create", "Crash", "--data", _cli.DataDirectory);
        Assert.True(created.ExitCode == 0, created.All);
        var (datasetId, writeKey) = CliTests.ParseCreated(created.Stdout);
        var expectedPerUser = new int[Users];

        using (var first = await _cli.StartServeAsync())
        {
            var batches = Enumerable.Range(0, Batches).Select(b => Batch(b, expectedPerUser)).ToList();
            var accepted = 0;
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (body, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
                using var response = await first.Client.SendAsync(request, ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                Interlocked.Increment(ref accepted);
            });
            first.KillHard();
            Assert.Equal(Batches, accepted);
            Assert.Equal(137, first.Process.ExitCode);
        }

        using var second = await _cli.StartServeAsync();
        await WaitForProcessingAsync(second, datasetId);

        var messageIds = await AllMessageIdsAsync(second, datasetId);
        Assert.Equal(Batches * EventsPerBatch, messageIds.Count);
        Assert.Equal(Batches * EventsPerBatch, messageIds.Distinct().Count());
        var profiles = await AllProfilesAsync(second, datasetId);
        Assert.Equal(Enumerable.Range(0, Users).Select(UserId).Order(), profiles.Order());
        for (var user = 0; user < Users; user += 7)
        {
            var profile = await second.Admin.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/profiles/{UserId(user)}", TestContext.Current.CancellationToken);
            Assert.Equal(expectedPerUser[user], profile.GetProperty("kpis").GetProperty("totalEvents").GetInt64());
            Assert.Equal($"user{user}@example.com", profile.GetProperty("attributes").GetProperty("email").GetProperty("value").GetString());
        }

        // Processing goes on after the restart.
        using var more = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent($$"""{"userId":"{{UserId(0)}}","event":"After Restart"}""", Encoding.UTF8, "application/json"),
        };
        more.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        using (var response = await second.Client.SendAsync(more, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await WaitForProcessingAsync(second, datasetId);
        var after = await second.Admin.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/profiles/{UserId(0)}", TestContext.Current.CancellationToken);
        Assert.Equal(1, after.GetProperty("kpis").GetProperty("eventCounts").GetProperty("After Restart").GetInt64());
        Assert.Equal(expectedPerUser[0] + 1, after.GetProperty("kpis").GetProperty("totalEvents").GetInt64());
    }

    private static string UserId(int user) => $"user-{user}";

    private static string Batch(int batch, int[] expectedPerUser)
    {
        var messages = new List<string>();
        for (var i = 0; i < EventsPerBatch; i++)
        {
            var n = batch * EventsPerBatch + i;
            var user = n % Users;
            expectedPerUser[user]++;
            messages.Add(n < Users
                ? $$$"""{"type":"identify","userId":"{{{UserId(user)}}}","messageId":"m-{{{n}}}","traits":{"email":"user{{{user}}}@example.com"}}"""
                : $$$"""{"type":"track","userId":"{{{UserId(user)}}}","messageId":"m-{{{n}}}","event":"Step {{{n % 5}}}","properties":{"n":{{{n}}}}}""");
        }
        return "{\"batch\":[" + string.Join(',', messages) + "]}";
    }

    private static async Task WaitForProcessingAsync(ServeProcess serve, string datasetId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await serve.Admin.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/status", TestContext.Current.CancellationToken);
            if (status.GetProperty("pendingEvents").GetInt64() == 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Processing did not catch up: {status}\n{serve.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task<List<string>> AllMessageIdsAsync(ServeProcess serve, string datasetId)
    {
        var ids = new List<string>();
        long? before = null;
        while (true)
        {
            var page = await serve.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/datasets/{datasetId}/events?limit=500" + (before is null ? "" : $"&before={before}"), TestContext.Current.CancellationToken);
            if (page.GetArrayLength() == 0)
            {
                return ids;
            }
            foreach (var e in page.EnumerateArray())
            {
                ids.Add(e.GetProperty("messageId").GetString()!);
                before = e.GetProperty("sequence").GetInt64();
            }
        }
    }

    private static async Task<List<string>> AllProfilesAsync(ServeProcess serve, string datasetId)
    {
        var users = new List<string>();
        string? cursor = null;
        do
        {
            var page = await serve.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/datasets/{datasetId}/profiles?limit=40" + (cursor is null ? "" : "&cursor=" + cursor), TestContext.Current.CancellationToken);
            users.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("userId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return users;
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
