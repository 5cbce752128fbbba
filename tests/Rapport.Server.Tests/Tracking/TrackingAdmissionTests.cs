using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Tests.Support;
using Rapport.Server.Tracking;

namespace Rapport.Server.Tests.Tracking;

/// <summary>
/// Past its bound on requests in progress, the tracking API answers 503 with Retry-After and a
/// problem that says nothing was stored, instead of holding ever more bodies in memory.
/// </summary>
public sealed class TrackingAdmissionTests
{
    [Fact]
    public async Task Track_WhileTheOnlySlotIsBusy_Is503WithRetryAfterAndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Rapport:TrackingMaxConcurrentRequests"] = "1",
            ["Rapport:TrackingMaxQueuedRequests"] = "0",
        }, null, ct);
        var dataset = await host.CreateDatasetAsync();

        // The first request holds the only slot while its body is still arriving.
        var rest = new TaskCompletionSource();
        using var slow = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StalledContent("""{"userId":"u1","event":"First"}""", rest.Task),
        };
        slow.Headers.Authorization = RapportTestHost.BasicAuth(dataset.WriteKey, "");
        var first = host.Client.SendAsync(slow, ct);
        await ((StalledContent)slow.Content).Started.WaitAsync(TimeSpan.FromSeconds(30), ct);
        // The body being sent does not mean the server took the slot yet.
        await WaitUntilBusyAsync(host, ct);

        using var refused = await host.TrackAsync("/v1/track", """{"userId":"u1","event":"Second"}""", dataset.WriteKey);
        rest.SetResult();
        using var accepted = await first;

        var problem = await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("nothing from this request was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await host.WaitForProcessingAsync(dataset.Id);
        var names = (await host.GetJsonAsync($"/api/datasets/{dataset.Id}/events")).EnumerateArray().Select(e => e.GetProperty("name").GetString());
        Assert.Equal(["First"], names);
    }

    private static async Task WaitUntilBusyAsync(RapportTestHost host, CancellationToken ct)
    {
        var admission = host.Services.GetRequiredService<TrackingAdmission>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admission.InProgress == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The stalled request never took the tracking slot.");
            await Task.Delay(10, ct);
        }
    }

    /// <summary>Sends the first half of a body, then waits for <paramref name="rest"/> before the second half.</summary>
    private sealed class StalledContent(string json, Task rest) : HttpContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(json);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            _started.TrySetResult();
            await rest;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
