using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using K4os.Compression.LZ4;
using Rapport.Core.Events;

namespace Rapport.Data.EventLog;

/// <summary>
/// The binary form of a staged run of events (see <see cref="SqliteEventSplitter"/>): the events
/// of one dataset, in order, each with every column of the log. A version byte first, then the
/// plain form: as it is (version 1), Brotli-compressed behind its length (version 2, written by
/// earlier builds and still read) or LZ4-compressed behind its length (version 3, written now).
/// The plain form, per event: message id, type, user id, anonymous id, name, group id, previous
/// id, timestamp, received-at and payload. Strings are UTF-8 behind a length, stored as length + 1
/// so that 0 means null; the two times are 8 bytes little-endian.
/// </summary>
/// <remarks>
/// Compressed because the disk limited appends: every staged byte is written to the WAL and again
/// when the WAL is copied back, 300 MB/s at 200,000 events/s uncompressed. LZ4 rather than Brotli:
/// Brotli at quality 1 shrank tracking JSON 9.8 times but was 12.6 % of all CPU in the flat-out
/// phase of the ingest benchmark, and its native encoder state, allocated and zeroed on every
/// call, made its speed erratic (70 to 800 MB/s for the same 51 KB body). LZ4 shrinks it 6.3
/// times at 1.1 to 1.6 GB/s in managed code, with no native allocation.
/// </remarks>
internal static class LoggedEventCodec
{
    private const byte Plain = 1;
    private const byte Brotli = 2;
    private const byte Lz4 = 3;

    public static byte[] Encode(IReadOnlyList<LoggedEvent> events, int start, int count)
    {
        var size = 0;
        for (var i = start; i < start + count; i++)
        {
            var e = events[i];
            size += StringSize(e.MessageId) + 1 + StringSize(e.UserId) + StringSize(e.AnonymousId) + StringSize(e.Name)
                + StringSize(e.GroupId) + StringSize(e.PreviousId) + 16 + VarIntSize((uint)e.Payload.Length) + e.Payload.Length;
        }
        var plain = ArrayPool<byte>.Shared.Rent(size);
        var packed = ArrayPool<byte>.Shared.Rent(1 + 5 + LZ4Codec.MaximumOutputSize(size));
        try
        {
            var span = plain.AsSpan(0, size);
            var at = 0;
            for (var i = start; i < start + count; i++)
            {
                var e = events[i];
                at = WriteString(span, at, e.MessageId);
                span[at++] = (byte)e.Type;
                at = WriteString(span, at, e.UserId);
                at = WriteString(span, at, e.AnonymousId);
                at = WriteString(span, at, e.Name);
                at = WriteString(span, at, e.GroupId);
                at = WriteString(span, at, e.PreviousId);
                BinaryPrimitives.WriteInt64LittleEndian(span[at..], e.TimestampMs);
                BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], e.ReceivedAtMs);
                at += 16;
                at = WriteVarInt(span, at, (uint)e.Payload.Length);
                e.Payload.Span.CopyTo(span[at..]);
                at += e.Payload.Length;
            }
            packed[0] = Lz4;
            var header = WriteVarInt(packed, 1, (uint)size);
            var written = LZ4Codec.Encode(span, packed.AsSpan(header), LZ4Level.L00_FAST);
            if (written < 0)
            {
                throw new InvalidOperationException("LZ4 could not compress a staged event run into its maximum compressed length.");
            }
            return packed.AsSpan(0, header + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>Reads back what <see cref="Encode"/> wrote; <paramref name="datasetId"/> is the run's dataset.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a staged run this version wrote.</exception>
    public static List<LoggedEvent> Decode(ReadOnlySpan<byte> data, string datasetId, int expectedCount)
    {
        if (data.IsEmpty || data[0] is not (Plain or Brotli or Lz4))
        {
            throw new InvalidDataException($"A staged event run starts with version {(data.IsEmpty ? "nothing" : data[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}; this build reads versions {Plain} to {Lz4}.");
        }
        if (data[0] == Plain)
        {
            return DecodePlain(data[1..], datasetId, expectedCount);
        }
        var header = 1;
        var size = (int)ReadVarInt(data, ref header);
        var plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = data[0] == Lz4
                ? LZ4Codec.Decode(data[header..], plain.AsSpan(0, size))
                : BrotliDecoder.TryDecompress(data[header..], plain.AsSpan(0, size), out var unpacked) ? unpacked : -1;
            if (written != size)
            {
                throw new InvalidDataException("A staged event run does not decompress to its recorded length.");
            }
            return DecodePlain(plain.AsSpan(0, size), datasetId, expectedCount);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private static List<LoggedEvent> DecodePlain(ReadOnlySpan<byte> data, string datasetId, int expectedCount)
    {
        var events = new List<LoggedEvent>(expectedCount);
        var at = 0;
        try
        {
            while (at < data.Length)
            {
                var messageId = ReadString(data, ref at)
                    ?? throw new InvalidDataException("A staged event has no message id.");
                var type = (EventType)data[at++];
                var userId = ReadString(data, ref at);
                var anonymousId = ReadString(data, ref at);
                var name = ReadString(data, ref at);
                var groupId = ReadString(data, ref at);
                var previousId = ReadString(data, ref at);
                var timestamp = BinaryPrimitives.ReadInt64LittleEndian(data[at..]);
                var receivedAt = BinaryPrimitives.ReadInt64LittleEndian(data[(at + 8)..]);
                at += 16;
                var payloadLength = (int)ReadVarInt(data, ref at);
                var payload = data.Slice(at, payloadLength).ToArray();
                at += payloadLength;
                events.Add(new LoggedEvent
                {
                    DatasetId = datasetId,
                    MessageId = messageId,
                    Type = type,
                    UserId = userId,
                    AnonymousId = anonymousId,
                    Name = name,
                    GroupId = groupId,
                    PreviousId = previousId,
                    TimestampMs = timestamp,
                    ReceivedAtMs = receivedAt,
                    Payload = payload,
                });
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("A staged event run is cut short.", ex);
        }
        if (events.Count != expectedCount)
        {
            throw new InvalidDataException($"A staged event run holds {events.Count} events where {expectedCount} were staged.");
        }
        return events;
    }

    private static int StringSize(string? value)
    {
        if (value is null)
        {
            return 1;
        }
        var bytes = Encoding.UTF8.GetByteCount(value);
        return VarIntSize((uint)bytes + 1) + bytes;
    }

    private static int WriteString(Span<byte> span, int at, string? value)
    {
        if (value is null)
        {
            span[at] = 0;
            return at + 1;
        }
        var bytes = Encoding.UTF8.GetByteCount(value);
        at = WriteVarInt(span, at, (uint)bytes + 1);
        return at + Encoding.UTF8.GetBytes(value, span[at..]);
    }

    private static string? ReadString(ReadOnlySpan<byte> data, ref int at)
    {
        var length = ReadVarInt(data, ref at);
        if (length == 0)
        {
            return null;
        }
        var value = Encoding.UTF8.GetString(data.Slice(at, (int)length - 1));
        at += (int)length - 1;
        return value;
    }

    private static int VarIntSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private static int WriteVarInt(Span<byte> span, int at, uint value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
        return at;
    }

    private static uint ReadVarInt(ReadOnlySpan<byte> data, ref int at)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = data[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("A staged event run holds a malformed length.");
    }
}
