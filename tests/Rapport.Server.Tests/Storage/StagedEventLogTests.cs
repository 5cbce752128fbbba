using Rapport.Data.Storage;
using Microsoft.Data.Sqlite;
using System.IO.Compression;
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
            Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
        }
    }

    [Fact]
    public async Task StagedRow_LeftBrotliCompressedByAnEarlierBuild_IsStillMovedIntoTheLog()
    {
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, Ct);
        var dataset = await host.CreateDatasetAsync();
        // An earlier build compressed staged runs with Brotli (version 2); rows it staged and did not
        // move before an upgrade must still reach the log. The plain form is the documented one.
        var plain = new MemoryStream();
        WriteStaged(plain, "m-old-1", EventType.Track, userId: "u-1", name: "Signed Up", payload: "{\"event\":\"Signed Up\"}"u8.ToArray());
        WriteStaged(plain, "m-old-2", EventType.Identify, userId: "u-2", name: null, payload: "{\"traits\":{}}"u8.ToArray());
        var body = new MemoryStream();
        body.WriteByte(2);
        WriteVarInt(body, (uint)plain.Length);
        using (var brotli = new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(plain.ToArray());
        }
        await using (var connection = new SqliteConnection(SqliteEventLogSchema.ConnectionString(host.Services.GetRequiredService<StorageOptions>().EventLogPath)))
        {
            await connection.OpenAsync(Ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO staged_events (dataset_id, event_count, received_at_ms, body) VALUES ($d, 2, 1700000000000, $b)";
            insert.Parameters.AddWithValue("$d", dataset.Id);
            insert.Parameters.AddWithValue("$b", body.ToArray());
            await insert.ExecuteNonQueryAsync(Ct);
        }

        // The server looks for rows staged by another process once a second.
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        var read = new List<Rapport.Data.Entities.EventEntity>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (read.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
            await host.Services.GetRequiredService<IEventStaging>().SplitAsync(int.MaxValue, Ct);
            await using var db = await contexts.CreateDbContextAsync(Ct);
            read = await db.Events.AsNoTracking().Where(e => e.DatasetId == dataset.Id).OrderBy(e => e.Sequence).ToListAsync(Ct);
        }
        Assert.Equal(["m-old-1", "m-old-2"], read.Select(e => e.MessageId));
        Assert.Equal(["u-1", "u-2"], read.Select(e => e.UserId));
        Assert.Equal("Signed Up", read[0].Name);
        Assert.Equal("{\"traits\":{}}"u8.ToArray(), read[1].Payload.ToArray());
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

    private static void WriteStaged(MemoryStream plain, string messageId, EventType type, string userId, string? name, byte[] payload)
    {
        WriteString(plain, messageId);
        plain.WriteByte((byte)type);
        WriteString(plain, userId);
        WriteString(plain, null); // anonymousId
        WriteString(plain, name);
        WriteString(plain, null); // groupId
        WriteString(plain, null); // previousId
        plain.Write(BitConverter.GetBytes(1_700_000_000_000L)); // timestamp, little-endian
        plain.Write(BitConverter.GetBytes(1_700_000_000_100L)); // received at
        WriteVarInt(plain, (uint)payload.Length);
        plain.Write(payload);
    }

    private static void WriteString(MemoryStream stream, string? value)
    {
        if (value is null)
        {
            stream.WriteByte(0);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteVarInt(stream, (uint)bytes.Length + 1);
        stream.Write(bytes);
    }

    private static void WriteVarInt(MemoryStream stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
