using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Events;
using Rapport.Data;
using Rapport.Data.EventLog;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Storage;

/// <summary>
/// On SQLite an append is staged (a few encoded rows per commit) and moved into <c>events</c>
/// before the processor reads it. What comes out must be exactly what went in, in order.
/// </summary>
public sealed class StagedEventLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Append_EveryKindOfValue_IsReadBackExactlyAndInOrder()
    {
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, Ct);
        var first = await host.CreateDatasetAsync();
        var second = await host.CreateDatasetAsync();
        var log = host.Services.GetRequiredService<IEventLog>();
        var bigPayload = Encoding.UTF8.GetBytes("{\"properties\":{\"text\":\"" + new string('é', 20_000) + "\"}}");
        var written = new List<LoggedEvent>
        {
            Event(first.Id, "m-1", EventType.Identify, userId: "ユーザー-1", anonymousId: null, name: null, payload: "{\"traits\":{\"name\":\"Zoë 🎉\"}}"u8.ToArray()),
            Event(first.Id, "m-2", EventType.Track, userId: null, anonymousId: "anon-" + new string('x', 3_000), name: "Signed Up", payload: bigPayload),
            // One append may mix datasets: each becomes its own staged row, the order stays.
            Event(second.Id, "m-3", EventType.Group, userId: "u-3", anonymousId: null, name: null, payload: "{}"u8.ToArray(), groupId: "acme"),
            Event(first.Id, "m-4", EventType.Alias, userId: "u-4", anonymousId: null, name: null, payload: [], previousId: "anon-old"),
        };
        await log.AppendAsync(written.Take(3).ToList(), Ct);
        await log.AppendAsync(written.Skip(3).ToList(), Ct);
        await host.Services.GetRequiredService<IEventStaging>().SplitAsync(int.MaxValue, Ct);

        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var read = await db.Events.AsNoTracking()
            .Where(e => e.DatasetId == first.Id || e.DatasetId == second.Id)
            .OrderBy(e => e.Sequence).ToListAsync(Ct);

        Assert.Equal(written.Select(e => e.MessageId), read.Select(e => e.MessageId));
        for (var i = 0; i < written.Count; i++)
        {
            var (expected, actual) = (written[i], read[i]);
            Assert.Equal(expected.DatasetId, actual.DatasetId);
            Assert.Equal((int)expected.Type, (int)actual.Type);
            Assert.Equal(expected.UserId, actual.UserId);
            Assert.Equal(expected.AnonymousId, actual.AnonymousId);
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.GroupId, actual.GroupId);
            Assert.Equal(expected.PreviousId, actual.PreviousId);
            Assert.Equal(expected.TimestampMs, actual.TimestampMs);
            Assert.Equal(expected.ReceivedAtMs, actual.ReceivedAtMs);
            Assert.Equal(expected.Payload, actual.Payload);
        }
    }

    [Fact]
    public async Task Track_WithoutAProcessor_CountsAsPendingAndIsAppliedAfterARestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-staged-" + Guid.NewGuid().ToString("N")[..12]);
        var settings = new Dictionary<string, string?> { ["Rapport:DataDirectory"] = directory, ["Rapport:AdminKey"] = RapportTestHost.AdminKey };
        try
        {
            TestDataset dataset;
            await using (var stopped = await StartWithoutProcessorAsync(settings))
            {
                using var admin = stopped.GetTestClient();
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RapportTestHost.AdminKey);
                using var created = await admin.PostAsJsonAsync("/api/datasets", new { name = "staged" }, Ct);
                var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
                dataset = new TestDataset(body.GetProperty("id").GetString()!, "staged", body.GetProperty("writeKey").GetString()!);

                using var client = stopped.GetTestClient();
                client.DefaultRequestHeaders.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");
                var batch = "{\"batch\":[" + string.Join(',', Enumerable.Range(0, 300)
                    .Select(i => $$"""{"type":"track","userId":"u-staged","event":"Step {{i}}","messageId":"staged-{{i}}"}""")) + "]}";
                using var accepted = await client.PostAsync("/v1/batch", new StringContent(batch, Encoding.UTF8, "application/json"), Ct);
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

                // Nothing moves staged events without the processor; they are still pending, with their age.
                var status = await admin.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset.Id}/status", Ct);
                Assert.Equal(300, status.GetProperty("pendingEvents").GetInt64());
                await stopped.StopAsync(Ct);
            }

            await using var next = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, settings, null, Ct);
            await next.WaitForProcessingAsync(dataset.Id);
            var profile = await next.ProfileAsync(dataset, "u-staged");
            Assert.Equal(300, profile.GetProperty("kpis").GetProperty("totalEvents").GetInt64());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    /// <summary>A Rapport host whose event processor never runs: appends stay staged.</summary>
    private static async Task<WebApplication> StartWithoutProcessorAsync(Dictionary<string, string?> settings)
    {
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
        });
        foreach (var processor in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.Name == "EventProcessorService").ToList())
        {
            builder.Services.Remove(processor);
        }
        var app = await RapportServer.BuildAsync(builder, Ct);
        await app.StartAsync(Ct);
        return app;
    }

    private static LoggedEvent Event(string datasetId, string messageId, EventType type, string? userId, string? anonymousId, string? name,
        byte[] payload, string? groupId = null, string? previousId = null) => new()
    {
        DatasetId = datasetId,
        MessageId = messageId,
        Type = type,
        UserId = userId,
        AnonymousId = anonymousId,
        Name = name,
        GroupId = groupId,
        PreviousId = previousId,
        TimestampMs = 1_700_000_000_123 + messageId.Length,
        ReceivedAtMs = 1_700_000_000_456,
        Payload = payload,
    };
}
