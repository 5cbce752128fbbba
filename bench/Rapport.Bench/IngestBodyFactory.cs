using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rapport.Bench;

/// <summary>
/// Realistic Segment <c>/v1/batch</c> bodies for the ingest benchmark: track, page, identify and
/// group calls with properties, traits and an analytics.js-style context, from a pool of users.
/// Bodies are rendered once as templates; each request only copies a template and stamps unique
/// messageIds into fixed-width slots, so the in-process client spends its CPU on HTTP, not JSON.
/// </summary>
internal sealed class IngestBodyFactory
{
    public const int EventsPerBatch = 100;
    private const int CounterDigits = 12;

    private static readonly string[] TrackEvents =
        ["Product Viewed", "Product Added", "Order Completed", "Signed Up", "Button Clicked", "Video Played", "Search Performed"];
    private static readonly string[] Pages = ["Home", "Pricing", "Docs", "Blog", "Checkout", "Account", "Features"];
    private static readonly string[] Plans = ["free", "starter", "pro", "enterprise"];
    private static readonly string[] Industries = ["Retail", "Software", "Finance", "Healthcare", "Media"];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ];

    private readonly (byte[] Body, int[] Slots)[] _templates;
    private long _nextMessage;

    /// <param name="users">Size of the userId pool (the brief's ~10,000 people).</param>
    /// <param name="templates">Distinct bodies to rotate through.</param>
    /// <param name="seed">Fixed so every run sends the same mix.</param>
    public IngestBodyFactory(int users, int templates, int seed)
    {
        var random = new Random(seed);
        // A run tag keeps messageIds unique across runs against the same database.
        var tag = Convert.ToHexString(BitConverter.GetBytes(Environment.TickCount64 ^ Environment.ProcessId)).ToLowerInvariant();
        var prefix = $"bm-{tag}-";
        var placeholder = prefix + new string('0', CounterDigits);
        _templates = new (byte[], int[])[templates];
        long totalBytes = 0;
        for (var t = 0; t < templates; t++)
        {
            var body = Render(random, users, placeholder);
            _templates[t] = (body, FindSlots(body, Encoding.UTF8.GetBytes(prefix)));
            totalBytes += body.Length;
        }
        AverageBodyBytes = (int)(totalBytes / templates);
    }

    public int AverageBodyBytes { get; }

    /// <summary>Messages handed out so far (every body carries <see cref="EventsPerBatch"/>).</summary>
    public long EventsIssued => Interlocked.Read(ref _nextMessage);

    /// <summary>Writes the next body into <paramref name="buffer"/> (at least <see cref="MaxBodyBytes"/> long); returns its length.</summary>
    public int Next(byte[] buffer)
    {
        var first = Interlocked.Add(ref _nextMessage, EventsPerBatch) - EventsPerBatch;
        var (body, slots) = _templates[(int)((first / EventsPerBatch) % _templates.Length)];
        body.CopyTo(buffer, 0);
        for (var i = 0; i < slots.Length; i++)
        {
            var digits = buffer.AsSpan(slots[i], CounterDigits);
            if (!Utf8Formatter.TryFormat(first + i, digits, out _, new System.Buffers.StandardFormat('D', CounterDigits)))
            {
                throw new InvalidOperationException("Message counter overflowed its slot.");
            }
        }
        return body.Length;
    }

    public int MaxBodyBytes => _templates.Max(t => t.Body.Length);

    private static int[] FindSlots(byte[] body, byte[] prefix)
    {
        var slots = new List<int>(EventsPerBatch);
        var span = body.AsSpan();
        var offset = 0;
        while (true)
        {
            var at = span[offset..].IndexOf(prefix);
            if (at < 0)
            {
                break;
            }
            offset += at + prefix.Length;
            slots.Add(offset);
        }
        if (slots.Count != EventsPerBatch)
        {
            throw new InvalidOperationException($"Expected {EventsPerBatch} messageId slots, found {slots.Count}.");
        }
        return [.. slots];
    }

    private static byte[] Render(Random random, int users, string messageIdPlaceholder)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            var now = DateTimeOffset.UtcNow;
            json.WriteStartObject();
            json.WriteStartArray("batch");
            for (var i = 0; i < EventsPerBatch; i++)
            {
                var user = random.Next(users);
                var roll = random.Next(100);
                json.WriteStartObject();
                var type = roll < 60 ? "track" : roll < 82 ? "page" : roll < 95 ? "identify" : "group";
                json.WriteString("type", type);
                json.WriteString("messageId", messageIdPlaceholder);
                json.WriteString("userId", $"user_{user:D5}");
                json.WriteString("anonymousId", AnonymousId(user));
                json.WriteString("timestamp", now.AddMilliseconds(-random.Next(5_000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                switch (type)
                {
                    case "track":
                        WriteTrack(json, random);
                        break;
                    case "page":
                        var page = Pages[random.Next(Pages.Length)];
                        json.WriteString("name", page);
                        json.WriteStartObject("properties");
                        json.WriteString("path", "/" + page.ToLowerInvariant());
                        json.WriteString("url", "https://www.example.com/" + page.ToLowerInvariant());
                        json.WriteString("title", page + " | Example");
                        json.WriteEndObject();
                        break;
                    case "identify":
                        json.WriteStartObject("traits");
                        json.WriteString("email", $"user{user}@example.com");
                        json.WriteString("name", $"User {user}");
                        json.WriteString("plan", Plans[random.Next(Plans.Length)]);
                        json.WriteNumber("logins", random.Next(1, 500));
                        json.WriteEndObject();
                        break;
                    default:
                        var account = user % 500;
                        json.WriteString("groupId", $"acct_{account:D4}");
                        json.WriteStartObject("traits");
                        json.WriteString("name", $"Account {account}");
                        json.WriteString("industry", Industries[account % Industries.Length]);
                        json.WriteNumber("employees", 10 + (account * 37 % 5_000));
                        json.WriteEndObject();
                        break;
                }
                WriteContext(json, random, user);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("sentAt", now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteTrack(Utf8JsonWriter json, Random random)
    {
        var name = TrackEvents[random.Next(TrackEvents.Length)];
        json.WriteString("event", name);
        json.WriteStartObject("properties");
        json.WriteString("product_id", $"sku-{random.Next(2_000):D5}");
        json.WriteString("category", Industries[random.Next(Industries.Length)]);
        json.WriteNumber("price", Math.Round(random.NextDouble() * 200, 2));
        json.WriteNumber("quantity", random.Next(1, 5));
        json.WriteString("currency", "USD");
        json.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter json, Random random, int user)
    {
        json.WriteStartObject("context");
        json.WriteStartObject("library");
        json.WriteString("name", "analytics.js");
        json.WriteString("version", "5.2.0");
        json.WriteEndObject();
        json.WriteString("ip", $"10.{user / 256 % 256}.{user % 256}.{random.Next(1, 255)}");
        json.WriteString("locale", "en-US");
        json.WriteString("userAgent", Agents[user % Agents.Length]);
        json.WriteEndObject();
    }

    private static string AnonymousId(int user)
        => new Guid(user, (short)(user >> 3), 0x4abc, 0x8f, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77).ToString();
}
