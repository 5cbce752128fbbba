using System.Text;
using Rapport.Core.Events;
using Rapport.Data.EventLog;

namespace Rapport.Server.Tests.Storage;

public sealed class PreparedAppendTests
{
    private const string Message = """{"type":"track","userId":"u1","event":"Signed Up"}""";

    [Fact]
    public void AsTheyAre_PayloadInARequestBufferReusedAfterwards_KeepsTheMessage()
    {
        // The tracking API's payloads are slices of a pooled body buffer; PostgreSQL's commit may
        // still be running when a cancelled request hands that buffer to the next one.
        var buffer = new byte[256];
        var length = Encoding.UTF8.GetBytes(Message, buffer);
        var prepared = PreparedAppend.AsTheyAre([Event(buffer.AsMemory(0, length))]);

        buffer.AsSpan().Fill((byte)'x');

        Assert.Equal(Message, Encoding.UTF8.GetString(prepared.Events![0].Payload.Span));
    }

    [Fact]
    public void ForStaging_PayloadInARequestBufferReusedAfterwards_KeepsTheMessage()
    {
        var buffer = new byte[256];
        var length = Encoding.UTF8.GetBytes(Message, buffer);
        var prepared = PreparedAppend.ForStaging([Event(buffer.AsMemory(0, length))]);

        buffer.AsSpan().Fill((byte)'x');

        var run = Assert.Single(prepared.Staged!);
        var decoded = Assert.Single(LoggedEventCodec.Decode(run.Body, run.DatasetId, run.Count));
        Assert.Equal(Message, Encoding.UTF8.GetString(decoded.Payload.Span));
    }

    private static LoggedEvent Event(ReadOnlyMemory<byte> payload) => new()
    {
        DatasetId = "ds_test",
        MessageId = "m-1",
        Type = EventType.Track,
        UserId = "u1",
        Name = "Signed Up",
        TimestampMs = 1_700_000_000_000,
        ReceivedAtMs = 1_700_000_000_000,
        Payload = payload,
    };
}
