using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;

namespace Rapport.Server.Console.Events;

/// <summary>
/// A dataset's events as server-sent events, from a position in the log on: every matching event
/// once, in log order (the log commits in sequence order, so reading after a position never skips
/// one that commits later). It sleeps until this node appends (<see cref="EventLogSignal.NextAppend"/>)
/// or a short poll passes (appends by other nodes), and ends when the client goes or the server stops.
/// </summary>
/// <remarks>
/// Items: the events (type <c>message</c>, id = sequence, data = <see cref="StreamedEvent"/>),
/// <c>processed</c> when the processor's position moves (data <c>{"position":n}</c>), and
/// <c>ready</c> at the start and <c>heartbeat</c> every <see cref="Heartbeat"/>, both with the position
/// read so far as id: a client that reconnects with it as <c>Last-Event-ID</c> resumes without
/// repeating an event or reading again what its filters left out.
/// </remarks>
internal sealed class EventStream(
    EventLogQueries queries,
    EventLogSignal signal,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<EventStream> logger)
{
    /// <summary>Largest number of events read in one query.</summary>
    public const int BatchSize = 200;

    /// <summary>How often a quiet stream says it is alive, so proxies and browsers keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How often the log is read without a signal: events appended by other nodes.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>How often while the processor is behind, so "processed" follows closely.</summary>
    public static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a browser waits before reconnecting after the stream ended.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The stream of <paramref name="datasetId"/>'s events matching <paramref name="filter"/>, after
    /// <paramref name="afterSequence"/> (or from now when null).
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string datasetId, EventLogFilter filter, long? afterSequence,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = stop.Token;
        var start = afterSequence is { } after ? new Step([], after, -1, false, false) : await StartAsync(datasetId, token);
        if (start is null)
        {
            yield break;
        }
        yield return Position("ready", start.Cursor) with { ReconnectionInterval = Retry };
        var cursor = start.Cursor;
        var processed = -1L;
        var lastWrite = time.GetTimestamp();
        while (true)
        {
            // Taken before reading, so an append during the read still wakes the wait below.
            var appended = signal.NextAppend;
            var step = await StepAsync(datasetId, filter, cursor, processed, token);
            if (step is null)
            {
                yield break;
            }
            foreach (var item in step.Items)
            {
                yield return item;
            }
            cursor = step.Cursor;
            processed = step.Processed;
            if (step.Items.Count > 0)
            {
                lastWrite = time.GetTimestamp();
            }
            if (step.More)
            {
                continue;
            }
            if (!await WaitAsync(appended, step.Pending ? PendingPoll : Poll, token))
            {
                yield break;
            }
            if (time.GetElapsedTime(lastWrite) >= Heartbeat)
            {
                yield return Position("heartbeat", cursor);
                lastWrite = time.GetTimestamp();
            }
        }
    }

    private async Task<Step?> StartAsync(string datasetId, CancellationToken token)
    {
        try
        {
            return new Step([], await queries.LastSequenceAsync(datasetId, token), -1, false, false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
    }

    // One read: the events after the cursor up to the log's end (at most a batch), then the
    // processor's position. Null ends the stream: stopped, or the database failed (the browser
    // reconnects after Retry and resumes from its last id).
    private async Task<Step?> StepAsync(string datasetId, EventLogFilter filter, long cursor, long processed, CancellationToken token)
    {
        try
        {
            var items = new List<SseItem<string>>();
            var end = await queries.LastSequenceAsync(datasetId, token);
            if (cursor < end)
            {
                var batch = await queries.AfterAsync(datasetId, filter, cursor, end, BatchSize, token);
                foreach (var e in batch)
                {
                    items.Add(new SseItem<string>(JsonSerializer.Serialize(StreamedEvent.From(e), Json))
                    {
                        EventId = e.Sequence.ToString(CultureInfo.InvariantCulture),
                    });
                }
                // A full batch may have more behind it; otherwise everything up to the end was read.
                cursor = batch.Count == BatchSize ? batch[^1].Sequence : end;
            }
            var position = await queries.ProcessedPositionAsync(datasetId, token);
            if (position != processed)
            {
                items.Add(new SseItem<string>(JsonSerializer.Serialize(new { position }, Json), "processed"));
            }
            return new Step(items, cursor, position, Pending: position < end, More: cursor < end);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The event stream of dataset {DatasetId} could not read the log; the browser will reconnect", datasetId);
            return null;
        }
    }

    private async Task<bool> WaitAsync(Task appended, TimeSpan timeout, CancellationToken token)
    {
        // No exception per quiet poll: the delay is cancelled with the stream, and WhenAny never throws.
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
        await Task.WhenAny(appended, Task.Delay(timeout, time, delay.Token));
        await delay.CancelAsync();
        return !token.IsCancellationRequested;
    }

    private static SseItem<string> Position(string type, long cursor)
        => new("", type) { EventId = cursor.ToString(CultureInfo.InvariantCulture) };

    private sealed record Step(List<SseItem<string>> Items, long Cursor, long Processed, bool Pending, bool More);
}
