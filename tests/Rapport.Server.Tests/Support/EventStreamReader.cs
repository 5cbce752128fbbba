using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Rapport.Server.Tests.Support;

/// <summary>
/// Reads a console event stream (<c>text/event-stream</c>) as a browser's EventSource would, with
/// the framework's spec parser: each item's type, id and data.
/// </summary>
public sealed class EventStreamReader(Stream stream) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SseItem<string>> _items = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();

    /// <summary>The next item, or a failure when none comes within <paramref name="timeout"/>.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan? timeout = null)
    {
        var next = _items.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(timeout ?? TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        Assert.True(finished == next, "The event stream sent nothing in time.");
        Assert.True(await next, "The event stream ended.");
        return _items.Current;
    }

    /// <summary>Skips ready, heartbeat and processed items up to the next event, and returns its data.</summary>
    public async Task<(string? Id, JsonElement Event)> NextEventAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var item = await NextAsync(timeout);
            if (item.EventType == SseParser.EventTypeDefault)
            {
                return (item.EventId, JsonDocument.Parse(item.Data).RootElement.Clone());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The parser's pending read ends with the stream, which the test's response disposes.
        await stream.DisposeAsync();
    }
}
